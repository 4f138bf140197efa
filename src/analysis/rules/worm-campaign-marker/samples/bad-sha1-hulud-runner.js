/* eslint-disable */
// Inert imitation of Shai-Hulud 2.0's runner registration and exfiltration names (incidents.md
// section 4). Only arguments are built; nothing is registered.
function runnerArgs(url, token) {
  return ['--url', url, '--token', token, '--name', 'SHA1HULUD', '--unattended'];
}

const REPO_DESCRIPTION = 'Sha1-Hulud: The Second Coming.';
module.exports = { runnerArgs, REPO_DESCRIPTION };
