/* eslint-disable */
// Inert imitation: bump and publish from an install hook's script (the dir is an empty temp dir
// and the function is never called).
const { spawnSync } = require('child_process');

function bumpAndPublish(dir) {
  spawnSync('npm', ['version', 'patch', '--no-git-tag-version'], { cwd: dir });
  spawnSync('npm', ['publish', '--access', 'public'], { cwd: dir });
}

module.exports = { bumpAndPublish };
