// Test helper: creates and removes temporary directories.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync } = require('child_process');

function withTempDir(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    execSync(`rm -rf ${JSON.stringify(dir)}`);
  }
}

module.exports = { withTempDir };
