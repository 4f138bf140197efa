/* eslint-disable */
// Service discovery as database drivers do it: an SRV record with a fixed prefix before the
// user's host, and a TXT record for options.
const dns = require('dns');

function discover(host) {
  return new Promise((resolve, reject) => {
    dns.resolveSrv(`_mongodb._tcp.${host}`, (err, records) => {
      if (err) return reject(err);
      dns.resolveTxt(host, (e, txt) => resolve({ hosts: records.map((r) => `${r.name}:${r.port}`), options: e ? '' : txt.flat().join('') }));
    });
  });
}

module.exports = { discover };
