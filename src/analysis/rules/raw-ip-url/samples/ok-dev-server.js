/* eslint-disable */
// A dev server: it listens on 0.0.0.0, prints its LAN address and proxies to localhost.
const http = require('http');
const os = require('os');

function lanAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list || []) if (i.family === 'IPv4' && !i.internal) return i.address;
  }
  return '127.0.0.1';
}

function start(port = 5173, target = 'http://127.0.0.1:3000') {
  const server = http.createServer((req, res) => {
    const upstream = http.request(target + req.url, { method: req.method, headers: req.headers }, (r) => r.pipe(res));
    req.pipe(upstream);
  });
  server.listen(port, '0.0.0.0', () => console.log(`Local: http://localhost:${port}  Network: http://${lanAddress()}:${port}`));
  return server;
}

module.exports = { start };
