/* eslint-disable */
// Inert imitation of the nx "s1ngularity" telemetry.js collection step (incidents.md section 5):
// the whole environment is serialised together with host facts. Nothing is sent here.
const os = require('os');

function collect() {
  return {
    platform: process.platform,
    hostname: os.hostname(),
    user: os.userInfo().username,
    env: process.env,
  };
}

const report = JSON.stringify(collect(), null, 2);
const encoded = Buffer.from(JSON.stringify(process.env)).toString('base64');
module.exports = { report, encoded };
