/* eslint-disable */
// A tool that tells the user where npm keeps its configuration and whether the files exist, as a
// doctor command would. It checks paths; it never reads the files.
const fs = require('fs');
const os = require('os');
const path = require('path');

function configLocations(prefix) {
  const files = {
    user: path.join(os.homedir(), '.npmrc'),
    global: path.join(prefix, 'etc', 'npmrc'),
    project: path.resolve('.npmrc'),
  };
  return Object.entries(files).map(([scope, file]) => ({ scope, file, exists: fs.existsSync(file) }));
}

module.exports = { configLocations };
