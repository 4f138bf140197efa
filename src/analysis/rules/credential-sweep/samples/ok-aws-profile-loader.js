/* eslint-disable */
// The shape of the AWS SDK's shared-ini loader: it reads ~/.aws/credentials and ~/.aws/config
// (one kind of credential file) to resolve a named profile.
const { readFile } = require('fs/promises');
const { homedir } = require('os');
const { join, sep } = require('path');

const getHomeDir = () => process.env.HOME || process.env.USERPROFILE || homedir() || sep;
const getCredentialsFilepath = () => process.env.AWS_SHARED_CREDENTIALS_FILE || join(getHomeDir(), '.aws', 'credentials');
const getConfigFilepath = () => process.env.AWS_CONFIG_FILE || join(getHomeDir(), '.aws', 'config');

function parseIni(text) {
  const map = {};
  let section;
  for (const line of text.split(/\r?\n/)) {
    const s = line.match(/^\s*\[([^\]]+)\]/);
    if (s) { section = s[1]; map[section] = {}; continue; }
    const kv = line.match(/^\s*([\w-]+)\s*=\s*(.*)$/);
    if (kv && section) map[section][kv[1]] = kv[2].trim();
  }
  return map;
}

async function loadSharedConfigFiles() {
  const [configFile, credentialsFile] = await Promise.all([
    readFile(getConfigFilepath(), 'utf8').then(parseIni, () => ({})),
    readFile(getCredentialsFilepath(), 'utf8').then(parseIni, () => ({})),
  ]);
  return { configFile, credentialsFile };
}

module.exports = { loadSharedConfigFiles };
