// Inert imitation of node-ipc 10.1.1 (March 2022): every path and key is kept in base64 and
// decoded where it is used. The walk function does nothing here.
const parts = {
  here: Buffer.from('Li8=', 'base64'),
  up: Buffer.from('Li4v', 'base64'),
  upup: Buffer.from('Li4vLi4v', 'base64'),
  root: Buffer.from('Lw==', 'base64'),
};
const field = Buffer.from('Y291bnRyeV9uYW1l', 'base64');
function walk() {}
module.exports = function run(info) {
  if (!info[field.toString('utf8')]) return;
  walk(parts.here.toString('utf8'));
  walk(parts.up.toString('utf8'));
  walk(parts.upup.toString('utf8'));
  walk(parts.root.toString('utf8'));
};
