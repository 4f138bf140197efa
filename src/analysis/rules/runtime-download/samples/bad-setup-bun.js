/* eslint-disable */
// Inert imitation of Shai-Hulud 2.0's setup_bun.js (incidents.md section 4): if Bun is missing it is
// installed with the official installer piped to a shell, then the payload is started with it.
// The payload file does not exist and `main` is never called.
const { execSync, spawn } = require('child_process');
const path = require('path');

function hasBun() {
  try {
    execSync(process.platform === 'win32' ? 'where bun' : 'which bun', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function installBun() {
  if (process.platform === 'win32') execSync('powershell -c "irm bun.sh/install.ps1|iex"', { stdio: 'ignore' });
  else execSync('curl -fsSL https://bun.sh/install | bash', { stdio: 'ignore' });
}

function main() {
  try {
    if (!hasBun()) installBun();
    spawn('bun', [path.join(__dirname, 'payload-that-does-not-exist.js')], { stdio: 'ignore', detached: true }).unref();
  } catch {}
  process.exit(0);
}

module.exports = { main };
