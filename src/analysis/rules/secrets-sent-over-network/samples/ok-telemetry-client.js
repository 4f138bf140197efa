/* eslint-disable */
// An opt-in telemetry client (in the style of a CLI's usage stats): it sends the tool's version,
// the platform and whether it runs in CI (one variable), never the environment as a whole.
const https = require('https');
const os = require('os');

function send(event, endpoint) {
  if (process.env.DO_NOT_TRACK === '1' || process.env.TELEMETRY_DISABLED) return;
  const body = JSON.stringify({
    event,
    version: require('./package.json').version,
    platform: os.platform(),
    node: process.version,
    ci: Boolean(process.env.CI),
  });
  const req = https.request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' } });
  req.on('error', () => {});
  req.end(body);
}

module.exports = { send };
