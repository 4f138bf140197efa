/* eslint-disable */
// Inert imitation of a reverse-shell shape: a TCP connection to a hard-coded IP. No shell is
// attached and the function is never called.
const net = require('net');

function callHome() {
  const socket = net.createConnection({ host: '203.0.113.44', port: 4444 });
  socket.on('error', () => {});
  socket.on('connect', () => socket.end('hello'));
}

module.exports = { callHome };
