/* eslint-disable */
// Inert imitation of the 2025-09-08 chalk/debug "runMask" hook (incidents.md section 1): the
// provider's request/send/sendAsync are wrapped so that transactions can be rewritten before the
// wallet sees them. The rewrite itself is a no-op here.
(function () {
  if (typeof window === 'undefined' || !window.ethereum) return;
  var provider = window.ethereum;
  var originals = { request: provider.request, send: provider.send, sendAsync: provider.sendAsync };
  var intercepts = 0;

  function tamper(payload) {
    intercepts++;
    return payload; // the real payload rewrote `to` and ERC-20 calldata here
  }

  function wrap(name) {
    var original = originals[name];
    if (typeof original !== 'function') return;
    Object.defineProperty(provider, name, {
      value: function () {
        var args = Array.prototype.slice.call(arguments);
        args[0] = tamper(args[0]);
        return original.apply(provider, args);
      },
      writable: true,
      configurable: true,
    });
  }

  function runMask() {
    wrap('request');
    wrap('send');
    wrap('sendAsync');
  }

  window.ethereum.request({ method: 'eth_accounts' }).then(function (accounts) {
    if (accounts && accounts.length) runMask();
  });
  window.stealthProxyControl = { isActive: function () { return intercepts > 0; } };
})();
