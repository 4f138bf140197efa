/* eslint-disable */
// Inert imitation of the network half of the chalk/debug payload (incidents.md section 1): fetch
// and XMLHttpRequest are replaced so every response can be inspected and rewritten. The rewrite
// here returns the text unchanged.
(function () {
  if (typeof window === 'undefined') return;
  const rewrite = (text) => text;

  const originalFetch = window.fetch;
  window.fetch = async function (...args) {
    const response = await originalFetch.apply(this, args);
    const body = await response.clone().text();
    return new Response(rewrite(body), { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  const originalOpen = XMLHttpRequest.prototype.open;
  const originalSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this._url = url;
    return originalOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    this.addEventListener('readystatechange', function () {
      if (this.readyState === 4) Object.defineProperty(this, 'responseText', { value: rewrite(this.responseText) });
    });
    return originalSend.apply(this, arguments);
  };
})();
