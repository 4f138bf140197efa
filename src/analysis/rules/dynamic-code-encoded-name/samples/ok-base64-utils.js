// Base64 helpers of an HTTP client: decode headers and tokens; member names are all plain.
'use strict';

function decodeBasicAuth(header) {
  const [scheme, value] = header.split(' ');
  if (scheme !== 'Basic') return null;
  const [user, pass] = Buffer.from(value, 'base64').toString('utf8').split(':');
  return { user, pass };
}

function fromHex(s) {
  return Buffer.from(s, 'hex');
}

const headers = {};
headers[String.fromCharCode(120) + '-trace'] = '1';

module.exports = { decodeBasicAuth, fromHex, headers };
