/* eslint-disable */
// Inert imitation of Shai-Hulud's parseNpmToken (incidents.md section 3): the npm token is read
// from ~/.npmrc when NPM_TOKEN is not set. Nothing is done with it here.
const fs = require('fs');
const os = require('os');
const path = require('path');

function parseNpmToken() {
  if (process.env.NPM_TOKEN) return process.env.NPM_TOKEN;
  try {
    const rc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');
    const m = rc.match(/_authToken\s*=\s*(\S+)/);
    return m ? m[1] : null;
  } catch {
    return null;
  }
}

module.exports = { parseNpmToken };
