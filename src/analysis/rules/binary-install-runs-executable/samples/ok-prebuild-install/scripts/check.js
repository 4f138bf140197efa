// Prints a hint when the native build is missing; runs nothing.
const fs = require('fs');
const path = require('path');
if (!fs.existsSync(path.join(__dirname, '..', 'build', 'Release', 'sqlite.node'))) {
  console.warn('sqlite-like: native module not built; run `npm rebuild sqlite-like`.');
}
