/* eslint-disable */
// An HTTP client wrapper (in the style of ky/redaxios): it calls fetch and XMLHttpRequest, with
// retries and timeouts, and never replaces them.
export function createClient({ baseUrl, retries = 2, timeout = 10000, fetchImpl = globalThis.fetch } = {}) {
  async function request(path, { method = 'GET', body, headers = {} } = {}) {
    let lastError;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeout);
      try {
        const res = await fetchImpl(new URL(path, baseUrl), { method, body: body && JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers }, signal: controller.signal });
        if (res.status >= 500) throw new Error('server error ' + res.status);
        return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
      } catch (e) {
        lastError = e;
      } finally {
        clearTimeout(timer);
      }
    }
    throw lastError;
  }
  return { get: (p, o) => request(p, o), post: (p, body, o) => request(p, { ...o, method: 'POST', body }) };
}

export function legacyGet(url, cb) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url);
  xhr.onload = () => cb(null, xhr.responseText);
  xhr.onerror = () => cb(new Error('network'));
  xhr.send();
}
