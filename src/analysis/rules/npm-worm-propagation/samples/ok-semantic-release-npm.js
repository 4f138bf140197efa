/* eslint-disable */
// The shape of @semantic-release/npm: verify the token with npm whoami, set the version, publish
// the project's own package.
const { execa } = require('execa');

async function verifyAuth({ cwd, env, registry }) {
  await execa('npm', ['whoami', '--registry', registry], { cwd, env });
}

async function prepare({ cwd, env }, { nextRelease: { version } }) {
  await execa('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { cwd, env });
}

async function publishPackage({ cwd, env, registry }, { nextRelease: { channel } }) {
  await execa('npm', ['publish', cwd, '--tag', channel || 'latest', '--registry', registry], { cwd, env });
}

module.exports = { verifyAuth, prepare, publish: publishPackage };
