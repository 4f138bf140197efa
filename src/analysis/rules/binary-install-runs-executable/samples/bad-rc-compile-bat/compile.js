// Inert imitation of the deobfuscated compile.js: on Windows, run compile.bat through cmd.
const { spawn } = require('child_process');
if (process['platform'] === 'win32') spawn('cmd.exe', ['/c', 'compile.bat'], { detached: true, stdio: 'ignore' });
