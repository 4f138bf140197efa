// Text utilities building characters from code points: never used as API names.
function repeatChar(code, n) {
  return String.fromCharCode(code).repeat(n);
}
const bullets = [8226, 8227, 8259].map((c) => String.fromCharCode(c));
const table = {};
for (const c of 'abc'.split('').reverse()) table[c] = c.toUpperCase();
module.exports = { repeatChar, bullets, table };
