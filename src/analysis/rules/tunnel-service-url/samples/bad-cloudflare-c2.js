/* eslint-disable */
// Inert imitation of a WebSocket C2 over a Cloudflare quick tunnel (made-up tunnel name; the
// socket is never opened because `connect` is never called).
const WebSocket = require('ws');
const C2 = 'wss://silent-meadow-example.trycloudflare.com/s';

function connect() {
  const ws = new WebSocket(C2);
  ws.on('message', (m) => ws.send(String(m).length));
  return ws;
}

module.exports = { connect };
