/* eslint-disable */
// A scaffolding CLI: it installs dependencies and prints next steps, including how to publish.
const { spawnSync } = require('child_process');

function install(dir, pm = 'npm') {
  const r = spawnSync(pm, ['install'], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(pm + ' install failed');
  console.log('Done. When you are ready: npm version patch && npm publish');
}

module.exports = { install };
