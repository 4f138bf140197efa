// Adds license headers to source files: rewrites files, but with content derived from each file.
const fs = require('fs');
const path = require('path');
const HEADER = '/* SPDX-License-Identifier: MIT */\n';

function stamp(dir) {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) stamp(p);
    else if (p.endsWith('.js')) {
      const text = fs.readFileSync(p, 'utf8');
      if (!text.startsWith(HEADER)) fs.writeFileSync(p, HEADER + text);
    }
  }
}

module.exports = { stamp };
