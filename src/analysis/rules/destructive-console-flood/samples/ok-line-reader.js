// Reads records until the input ends; prints each.
const fs = require('fs');
const fd = fs.openSync(process.argv[2] || '/dev/stdin', 'r');
const buf = Buffer.alloc(4096);
for (;;) {
  const n = fs.readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  console.log(buf.subarray(0, n).toString('utf8'));
}
