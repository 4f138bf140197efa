/* eslint-disable */
// A node-operator tool (in the style of an Ethereum client wrapper): it manages *its own*
// keystore directory inside the data dir it was given.
const fs = require('fs');
const path = require('path');

function keystoreDir(dataDir) {
  return path.join(dataDir, 'keystore');
}

function listAccounts(dataDir) {
  const dir = keystoreDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.startsWith('UTC--')).map((f) => '0x' + f.split('--')[2]);
}

module.exports = { listAccounts };
