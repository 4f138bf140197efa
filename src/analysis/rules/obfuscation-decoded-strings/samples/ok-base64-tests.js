// A base64 helper with a single round-trip self-check.
function encode(s) {
  return Buffer.from(s, 'utf8').toString('base64');
}
function decode(s) {
  return Buffer.from(s, 'base64').toString('utf8');
}
if (decode(encode('ok')) !== 'ok') throw new Error('base64 helper broken');
module.exports = { encode, decode };
