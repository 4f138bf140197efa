/* eslint-disable */
// Inert imitation of the nx "s1ngularity" / Shai-Hulud credential sweep (incidents.md sections 3
// and 5): a list of credential files under $HOME is read into one object. Nothing leaves the
// machine here.
const fs = require('fs');
const os = require('os');
const path = require('path');

const TARGETS = [
  '.npmrc',
  '.git-credentials',
  '.config/gh/hosts.yml',
  '.aws/credentials',
  '.ssh/id_rsa',
  '.docker/config.json',
];

function collect() {
  const found = {};
  for (const rel of TARGETS) {
    const file = path.join(os.homedir(), rel);
    try {
      found[rel] = fs.readFileSync(file, 'utf8');
    } catch {}
  }
  return found;
}

module.exports = { collect };
