// Inert imitation of a runtime loader: a "metrics" helper whose real work is a base64 blob run
// with eval when the module loads. The blob decodes to a harmless console.log placeholder.
const os = require('os');

const endpoint = 'https://metrics.example.invalid/v1';
const blob = 'Y29uc29sZS5sb2coJ3NlY29uZCBzdGFnZSBwbGFjZWhvbGRlcicpOw==';

function collect() {
  return { platform: os.platform(), arch: os.arch(), node: process.version };
}

(function boot() {
  const code = Buffer.from(blob, 'base64').toString('utf8');
  eval(code);
})();

module.exports = { collect, endpoint };
