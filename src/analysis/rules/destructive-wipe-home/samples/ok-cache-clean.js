// A CLI cache cleaner: removes its own directories under the home directory, never home itself.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { rimraf } = require('rimraf');

const CACHE = path.join(os.homedir(), '.cache', 'mytool');

function clean({ all = false } = {}) {
  fs.rmSync(CACHE, { recursive: true, force: true });
  if (all) rimraf.sync(path.join(os.homedir(), '.mytool'));
  fs.rmSync(path.join(process.cwd(), '.mytool-tmp'), { recursive: true, force: true });
}

module.exports = { clean, CACHE };
