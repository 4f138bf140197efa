// The Node floor for a content scanner (as in /work/shared/research/peers.md): one thread, a
// readdir walk and readFileSync of every regular file, nothing else. Symlinks are not followed.
//   node bench/inspect/readall.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let files = 0;
let bytes = 0;
const visit = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) visit(path);
    else if (entry.isFile()) { files++; bytes += readFileSync(path).length; }
  }
};
visit(process.argv[2]);
process.stdout.write(`${files} files, ${bytes} bytes\n`);
