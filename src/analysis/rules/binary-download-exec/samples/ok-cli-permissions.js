// A scaffolder that writes a local bin script with 0o755 and runs git: no download.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

function scaffold(dir, name) {
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  const bin = path.join(dir, 'bin', name);
  fs.writeFileSync(bin, '#!/usr/bin/env node\nrequire("../lib/cli.js");\n', { mode: 0o755 });
  execFileSync('git', ['init'], { cwd: dir });
}

module.exports = { scaffold };
