/* eslint-disable */
// The shape of whatwg-fetch's tail: the polyfill installs itself only where fetch is missing.
var global = (typeof globalThis !== 'undefined' && globalThis) || (typeof self !== 'undefined' && self) || (typeof global !== 'undefined' && global) || {};

function Headers(headers) { this.map = {}; }
function Request(input, options) { this.url = String(input); }
function Response(body, options) { this.body = body; }

export function fetch(input, init) {
  return new Promise(function (resolve, reject) {
    var request = new Request(input, init);
    var xhr = new XMLHttpRequest();
    xhr.onload = function () { resolve(new Response(xhr.responseText, { status: xhr.status })); };
    xhr.onerror = function () { reject(new TypeError('Network request failed')); };
    xhr.open(request.method || 'GET', request.url, true);
    xhr.send(typeof request._bodyInit === 'undefined' ? null : request._bodyInit);
  });
}

fetch.polyfill = true;

if (!global.fetch) {
  global.fetch = fetch;
  global.Headers = Headers;
  global.Request = Request;
  global.Response = Response;
}
