// Peer: npm's own reader. `new Arborist({path}).loadVirtual()` builds the tree from the lockfile
// alone (what `npm ls --package-lock-only` does before printing).
//   node bench/peers/arborist.mjs <dir> [--check]
// Prints one short line. --check also walks every edge and reports unresolved/invalid ones (used
// to validate generated lockfiles; not part of the timed command).
import { createRequire } from 'node:module';
import { peerRequireBase } from './resolve.mjs';

const require = createRequire(peerRequireBase);
const Arborist = require('@npmcli/arborist');
const [dir, flag] = process.argv.slice(2);
const tree = await new Arborist({ path: dir }).loadVirtual();
const distinct = new Set();
let problems = 0;
const samples = [];
for (const node of tree.inventory.values()) {
  if (!node.isProjectRoot) distinct.add(`${node.packageName}@${node.version}`);
  if (flag !== '--check') continue;
  for (const edge of node.edgesOut.values()) {
    if (edge.valid || (edge.missing && edge.optional)) continue;
    problems++;
    if (samples.length < 5) samples.push(`${node.location} -> ${edge.name}@${edge.spec}: ${edge.error}`);
  }
}
console.log(JSON.stringify({ packages: distinct.size, entries: tree.inventory.size - 1, problems, samples }));
