/* eslint-disable */
// A task runner (in the style of cross-env/npm-run-all): the child gets a copy of the environment
// with a few additions, which is how child processes inherit PATH and friends.
const { spawn } = require('child_process');

function run(command, args, extraEnv) {
  const env = { ...process.env, ...extraEnv, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(command + ' exited with ' + code))));
  });
}

module.exports = { run };
