// A ring buffer that rotates with push/shift in a loop, and hex constants: nothing obfuscated.
const MASK_0xff = 0xff;
class Ring {
  constructor(items) {
    this.items = items.slice();
  }
  rotate(n) {
    let i = n;
    while (i-- > 0) this.items.push(this.items.shift());
    return this;
  }
  checksum() {
    return this.items.reduce((a, b) => (a + parseInt(String(b), 10)) & MASK_0xff, 0);
  }
}
module.exports = Ring;
