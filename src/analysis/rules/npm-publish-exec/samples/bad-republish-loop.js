/* eslint-disable */
// Inert imitation of Shai-Hulud's propagation loop (incidents.md section 3): each tarball in a list
// is published. The list is empty, so nothing runs.
const { execSync } = require('child_process');

function republish(tarballs) {
  for (const tgz of tarballs) {
    execSync(`npm publish ${tgz}`, { stdio: 'ignore' });
  }
}

republish([]);
