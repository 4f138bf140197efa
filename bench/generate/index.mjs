// Writes bench/.work/lockfiles/<format>-<size>/{<lockfile>, package.json} for every format and size.
// Deterministic: same seed -> same bytes. Reuses a folder whose stamp (seed + hash of the generator
// sources) matches, since building the 50k graph and writing six lockfiles takes several seconds.
//   node bench/generate/index.mjs [--sizes 10000,50000] [--only <format>] [--seed 1]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph, rootManifest } from './graph.mjs';
import * as npmV3 from './npm-v3.mjs';
import * as npmV1 from './npm-v1.mjs';
import * as yarnV1 from './yarn-v1.mjs';
import * as yarnBerry from './yarn-berry.mjs';
import * as pnpm9 from './pnpm-9.mjs';
import * as bun from './bun.mjs';

export const WRITERS = [npmV3, npmV1, yarnV1, yarnBerry, pnpm9, bun];
export const FORMATS = WRITERS.map((w) => w.format);
const here = dirname(fileURLToPath(import.meta.url));
export const lockfilesDir = join(here, '..', '.work', 'lockfiles');

/** Returns [{format, size, dir, file, bytes, generated}] for the requested combinations. */
export function generate({ sizes, formats = FORMATS, seed = 1, log = () => {} }) {
  const stamp = stampFor(seed);
  const results = [];
  for (const size of sizes) {
    let graph;
    for (const writer of WRITERS.filter((w) => formats.includes(w.format))) {
      const dir = join(lockfilesDir, `${writer.format}-${size}`);
      const path = join(dir, writer.file);
      const fresh = existsSync(join(dir, '.stamp')) && readFileSync(join(dir, '.stamp'), 'utf8') === stamp && existsSync(path);
      if (!fresh) {
        if (!graph) {
          log(`generating graph of ${size} packages (seed ${seed})`);
          graph = buildGraph({ size, seed });
        }
        log(`writing ${writer.format}-${size}`);
        mkdirSync(dir, { recursive: true });
        atomicWrite(join(dir, 'package.json'), JSON.stringify(rootManifest(graph), null, 2) + '\n');
        atomicWrite(path, writer.write(graph));
        atomicWrite(join(dir, '.stamp'), stamp);
      }
      results.push({ format: writer.format, size, dir, file: path, bytes: readFileSync(path).length, generated: !fresh });
    }
  }
  return results;
}

function stampFor(seed) {
  const hash = createHash('sha256').update(String(seed));
  for (const name of readdirSync(here).sort()) hash.update(name).update(readFileSync(join(here, name)));
  return hash.digest('hex');
}

function atomicWrite(path, text) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
  const sizes = arg('--sizes', '10000,50000').split(',').map(Number);
  const only = arg('--only');
  const out = generate({ sizes, formats: only ? [only] : FORMATS, seed: Number(arg('--seed', '1')), log: (m) => console.error(m) });
  for (const r of out) console.log(`${r.format}-${r.size}\t${(r.bytes / 1e6).toFixed(1)} MB\t${r.file}`);
}
