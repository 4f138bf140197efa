/* eslint-disable */
// The shape of @changesets/cli's publish: every *workspace* package whose version is not on the
// registry yet is published, one after the other. It iterates the repo's own packages.
const { spawnSync } = require('child_process');

async function publishPackages(packages, { access = 'public', tag = 'latest', isPublished }) {
  const results = [];
  for (const pkg of packages) {
    if (pkg.packageJson.private || (await isPublished(pkg.packageJson.name, pkg.packageJson.version))) continue;
    const r = spawnSync('npm', ['publish', '--access', access, '--tag', tag], { cwd: pkg.dir, stdio: 'inherit' });
    results.push({ name: pkg.packageJson.name, published: r.status === 0 });
  }
  return results;
}

module.exports = { publishPackages };
