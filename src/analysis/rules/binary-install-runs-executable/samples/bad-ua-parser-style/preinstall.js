// Inert imitation: picks the platform script. Tests never run it.
const { exec } = require('child_process');
const os = require('os');
if (os.type() === 'Windows_NT') exec('preinstall.bat');
else if (os.type() === 'Linux') exec('bash preinstall.sh');
