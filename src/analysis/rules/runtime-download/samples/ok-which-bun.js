/* eslint-disable */
// A task runner that uses Bun when the user has it, and tells them how to get it otherwise. It
// never installs anything itself.
const { execFileSync } = require('child_process');

function bunPath() {
  try {
    return execFileSync(process.platform === 'win32' ? 'where' : 'which', ['bun'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function runTests() {
  const bun = bunPath();
  if (!bun) {
    console.error('bun not found; install it from the Bun website, then re-run');
    return 1;
  }
  execFileSync(bun, ['test'], { stdio: 'inherit' });
  return 0;
}

module.exports = { runTests };
