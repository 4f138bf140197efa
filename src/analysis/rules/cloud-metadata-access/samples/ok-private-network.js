/* eslint-disable */
// A LAN discovery helper: private and link-local addresses used to classify hosts, none of them a
// metadata endpoint.
const PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./];

function isPrivate(ip) {
  return PRIVATE.some((re) => re.test(ip));
}

const DEFAULT_GATEWAY = '192.168.1.1';
module.exports = { isPrivate, DEFAULT_GATEWAY };
