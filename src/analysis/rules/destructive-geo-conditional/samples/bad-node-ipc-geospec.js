// Inert imitation of node-ipc 10.1.1's dao/ssl-geospec.js (March 2022, CVE-2022-23812): the
// geolocation URL is base64 (its key replaced with "placeholder"), the country field name too,
// and the destructive step is a no-op here.
const https = require('https');

const u = Buffer.from('aHR0cHM6Ly9hcGkuaXBnZW9sb2NhdGlvbi5pby9pcGdlbz9hcGlLZXk9cGxhY2Vob2xkZXI=', 'base64');
const field = Buffer.from('Y291bnRyeV9uYW1l', 'base64');

function act() {}

module.exports = function check() {
  https.get(u.toString('utf8'), (res) => {
    res.on('data', (d) => {
      try {
        const c = JSON.parse(d.toString('utf8'))[field.toString('utf8')];
        if (c.match(/russia/gi) || c.match(/belarus/gi)) act();
      } catch (e) {}
    });
  });
};
