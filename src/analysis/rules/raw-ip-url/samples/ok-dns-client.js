/* eslint-disable */
// A DNS-over-HTTPS client with public resolvers as fallbacks (by address, as resolvers are).
const https = require('https');

const RESOLVERS = ['https://1.1.1.1/dns-query', 'https://8.8.8.8/resolve', 'https://9.9.9.9:5053/dns-query'];

function query(name, type = 'A', resolver = RESOLVERS[0]) {
  return new Promise((resolve, reject) => {
    https.get(`${resolver}?name=${encodeURIComponent(name)}&type=${type}`, { headers: { accept: 'application/dns-json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

module.exports = { query, RESOLVERS };
