/* eslint-disable */
// A packaging check (in the style of publint/attw helpers): npm pack --dry-run lists what would be
// published; nothing is published.
const { execFileSync } = require('child_process');

function packedFiles(dir) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(out)[0].files.map((f) => f.path);
}

module.exports = { packedFiles };
