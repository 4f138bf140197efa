/* eslint-disable */
// Inert imitation of an npm info-stealer's wallet step: the LevelDB folders of wallet extensions
// are listed in every Chrome profile. It only counts files here.
const fs = require('fs');
const os = require('os');
const path = require('path');

const WALLETS = {
  metamask: 'nkbihfbeogaeaoehlefnkodbefgpgknn',
  phantom: 'bfnaelmomeimhlpmgjnjophhpkkoljpa',
  coinbase: 'hnfanknocfeofbddgcijnmhnfnkdnaad',
};

function chromeProfiles() {
  const base = process.platform === 'win32'
    ? path.join(process.env.LOCALAPPDATA || '', 'Google', 'Chrome', 'User Data')
    : path.join(os.homedir(), 'Library', 'Application Support', 'Google', 'Chrome');
  try {
    return fs.readdirSync(base).filter((d) => d === 'Default' || d.startsWith('Profile ')).map((d) => path.join(base, d));
  } catch {
    return [];
  }
}

let count = 0;
for (const profile of chromeProfiles()) {
  for (const id of Object.values(WALLETS)) {
    const dir = path.join(profile, 'Local Extension Settings', id);
    try { count += fs.readdirSync(dir).length; } catch {}
  }
}
module.exports = count;
