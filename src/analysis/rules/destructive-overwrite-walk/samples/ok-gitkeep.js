// Keeps empty directories in git: writes a .gitkeep into each directory of a tree.
const fs = require('fs');
const path = require('path');

function keep(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.length === 0) fs.writeFileSync(path.join(dir, '.gitkeep'), '# keep\n');
  for (const e of entries) if (e.isDirectory()) keep(path.join(dir, e.name));
}

module.exports = { keep };
