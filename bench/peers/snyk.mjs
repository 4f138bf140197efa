// Peer: snyk-nodejs-lockfile-parser, with the options /work/shared/research/peers.md used.
//   node bench/peers/snyk.mjs <dir> <format> [--check]
// Prints one short line: the package count of the dep-graph (root included), or for npm v1
// (legacy buildDepTree) the number of top-level dependencies; --check walks the v1 tree fully.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { peerRequireBase } from './resolve.mjs';

const snyk = createRequire(peerRequireBase)('snyk-nodejs-lockfile-parser');
const [dir, format, flag] = process.argv.slice(2);
const manifest = readFileSync(join(dir, 'package.json'), 'utf8');
const base = { includeDevDeps: true, includeOptionalDeps: true, includePeerDeps: false, strictOutOfSync: false, honorAliases: true };
const read = (name) => readFileSync(join(dir, name), 'utf8');

const parsers = {
  'npm-v3': () => snyk.parseNpmLockV2Project(manifest, read('package-lock.json'), { ...base, pruneCycles: true }),
  'npm-v1': () => snyk.buildDepTree(manifest, read('package-lock.json'), true, snyk.LockfileType.npm, false),
  'yarn-v1': () => snyk.parseYarnLockV1Project(manifest, read('yarn.lock'), { ...base, pruneLevel: 'cycles' }),
  'yarn-berry': () => snyk.parseYarnLockV2Project(manifest, read('yarn.lock'), { ...base, pruneWithinTopLevelDeps: true }),
  'pnpm-9': () => {
    const lock = read('pnpm-lock.yaml');
    return snyk.parsePnpmProject(manifest, lock, { ...base, pruneWithinTopLevelDeps: true }, snyk.getPnpmLockfileVersion(lock));
  },
};
if (!parsers[format]) {
  console.error(`snyk-nodejs-lockfile-parser has no parser for ${format}`);
  process.exit(2);
}
const result = await parsers[format]();
if (typeof result.getPkgs === 'function') console.log(JSON.stringify({ packages: result.getPkgs().length }));
else console.log(JSON.stringify(flag === '--check' ? { packages: countTree(result) } : { topLevel: Object.keys(result.dependencies ?? {}).length }));

/** Distinct name@version in a legacy dep-tree, the root included (like getPkgs()). */
function countTree(root) {
  const seen = new Set([`${root.name}@${root.version}`]);
  const visited = new Set();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (visited.has(node)) continue;
    visited.add(node);
    for (const child of Object.values(node.dependencies ?? {})) { seen.add(`${child.name}@${child.version}`); stack.push(child); }
  }
  return seen.size;
}
