// A de-obfuscation helper: recognises packed scripts by their header, does not contain one.
const HEADER = /eval\(function\(p,a,c,k,e,(?:r|d)\)/;
function isPacked(source) {
  return HEADER.test(source.replace(/\s+/g, ''));
}
function pack(p, a, c, k) {
  return { p, a, c, k };
}
module.exports = { isPacked, pack };
