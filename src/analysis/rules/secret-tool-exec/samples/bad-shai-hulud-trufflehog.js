/* eslint-disable */
// Inert imitation of Shai-Hulud's TruffleHog step (incidents.md section 3): the latest release is
// looked up, then `trufflehog filesystem` runs over $HOME with verified results only. The download
// and the run are stubbed: `download` does nothing and the binary path does not exist.
const { execFile, execSync } = require('child_process');
const os = require('os');

async function latestRelease() {
  const res = await fetch('https://api.github.com/repos/trufflesecurity/trufflehog/releases/latest');
  return res.ok ? res.json() : null;
}

async function scan() {
  if (process.env.SKIP_TRUFFLE) return [];
  await latestRelease();
  const bin = './trufflehog-does-not-exist';
  return new Promise((resolve) => {
    execFile(bin, ['filesystem', os.homedir(), '--json', '--results=verified'], { timeout: 90000 }, (err, stdout) => resolve(err ? [] : stdout.split('\n')));
  });
}

function githubToken() {
  try {
    return process.env.GITHUB_TOKEN || execSync('gh auth token', { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

module.exports = { scan, githubToken };
