// Inert imitation: the spawn function and the program are spelled as char codes. The program is
// an echo; nothing harmful is run (and tests never run samples).
const cp = require('child_process');
const run = cp[String.fromCharCode(115, 112, 97, 119, 110)];
const prog = String.fromCharCode(99, 109, 100);
module.exports = () => run(prog, ['/c', 'echo', 'placeholder']);
