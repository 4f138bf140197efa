// Inert imitation of the flatmap-stream style: API names kept as hex and decoded where used, so
// that neither `env` nor `_compile` appears in the source. Nothing useful is decoded or run.
var t = process;
function e(r) {
  return Buffer.from(r, 'hex').toString();
}
var settings = t[Buffer.from('656e76', 'hex').toString()];
var home = settings && settings.HOME;
module.exports = { home: home, decode: e };
