/* eslint-disable */
// A Shai-Hulud detector (in the style of the community scanners): it compares file names and
// contents against the campaign's indicators.
const fs = require('fs');
const path = require('path');

const FILES = ['setup_bun.js', 'bun_environment.js', 'shai-hulud-workflow.yml', 'truffleSecrets.json', 'actionsSecrets.json'];

function scan(dir) {
  const hits = [];
  for (const name of fs.readdirSync(dir)) {
    if (FILES.includes(name)) hits.push(path.join(dir, name));
    else if (name.endsWith('.js') && fs.readFileSync(path.join(dir, name), 'utf8').includes('Sha1-Hulud')) hits.push(path.join(dir, name));
  }
  return hits;
}

module.exports = { scan };
