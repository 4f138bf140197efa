// Inert imitation of flatmap-stream (2018): a hex decoder helper and a hex-encoded module path.
function e(r) {
  return Buffer.from(r, 'hex').toString();
}
let data = null;
try {
  data = require(e('2e2f746573742f64617461'));
} catch (_) {}
module.exports = data;
