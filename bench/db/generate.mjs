// Writes a deterministic zip of synthetic OSV npm records, shaped like OSV's own npm export
// (`all.zip`: one <id>.json per record, at the top level), for the `db update` benchmark.
//   node bench/db/generate.mjs [--records 250000] [--seed 1] [--out <file>]
// The mix follows the real data: mostly MAL- malware records (a versions list, an introduced=0
// range, or both; the details text with its per-source section), some GHSA vulnerability records
// with bounded ranges and CVSS, a few withdrawn records, and a few GHSA/MAL pairs that alias each
// other (the import stores one of each pair). Same seed and count -> byte-identical zip.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../generate/random.mjs';
import { createZipWriter } from './zip-writer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const workDir = join(here, '..', '.work', 'db');

const WORDS = ['react', 'vue', 'node', 'web', 'api', 'util', 'core', 'data', 'http', 'json', 'config', 'logger', 'crypto', 'wallet',
  'discord', 'token', 'auth', 'cli', 'parser', 'build', 'loader', 'plugin', 'sdk', 'client', 'server', 'test', 'mock', 'color',
  'string', 'array', 'async', 'stream', 'file', 'path', 'env', 'dotenv', 'axios', 'lodash', 'express', 'next', 'solana', 'eth'];
const BOILERPLATE = 'Any computer that has this package installed or running should be considered fully compromised. All secrets ' +
  'and keys stored on that computer should be rotated immediately from a different computer. The package should be removed, but as ' +
  'full control of the computer may have been given to an outside entity, there is no guarantee that removing the package will ' +
  'remove all malicious software resulting from installing it.\n';

/** Every record as [fileName, object], in the order they go into the zip. */
/** `names`: real package names (from the scan benchmark's lockfile) used by every `every`-th record. */
export function* syntheticRecords({ records = 250_000, seed = 1, names = [], every = 50 } = {}) {
  const rnd = createRandom(seed);
  const hex = (n) => rnd.bytes(n).toString('hex');
  for (let i = 0; i < records; i++) {
    const year = 2021 + (i % 5);
    const name = names.length && i % every === 0 ? names[(i / every) % names.length] : packageName(rnd, i);
    const date = new Date(Date.UTC(year, rnd.int(0, 11), rnd.int(1, 28), rnd.int(0, 23), rnd.int(0, 59))).toISOString().replace('.000Z', 'Z');
    if (rnd.chance(0.02)) {
      yield [`GHSA-${i}.json`, ghsa(rnd, i, name, date, hex)];
      continue;
    }
    const id = `MAL-${year}-${i}`;
    const record = {
      modified: date,
      published: date,
      schema_version: '1.5.0',
      id,
      summary: `Malicious code in ${name} (npm)`,
      details: `\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ghsa-malware (${hex(32)})\n${BOILERPLATE}`,
      affected: [{ package: { ecosystem: 'npm', name }, ...affectedVersions(rnd), database_specific: { cwes: [{ cweId: 'CWE-506', description: 'The product contains code that appears to be malicious in nature.', name: 'Embedded Malicious Code' }] } }],
      references: [{ type: 'ADVISORY', url: `https://github.com/advisories/GHSA-${hex(6)}` }],
      database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware', sha256: hex(32), import_time: date, modified_time: date }] },
    };
    // About 1% alias an earlier GHSA record: OSV ships such pairs, the import keeps one.
    if (i > 100 && rnd.chance(0.01)) record.aliases = [`GHSA-${i - 1 - rnd.int(0, 99)}`];
    if (rnd.chance(0.001)) record.withdrawn = date;
    yield [`${id}.json`, record];
  }
}

function ghsa(rnd, i, name, date, hex) {
  const fixed = `${rnd.int(1, 9)}.${rnd.int(0, 20)}.${rnd.int(0, 30)}`;
  return {
    schema_version: '1.4.0',
    id: `GHSA-${i}`,
    modified: date,
    published: date,
    aliases: [`CVE-2099-${i}`],
    summary: `${rnd.pick(['Prototype pollution', 'ReDoS', 'Path traversal', 'Command injection'])} in ${name}`,
    details: `### Impact\n${name} before ${fixed} mishandles input (${hex(40)}).\n\n### Patches\nFixed in ${fixed}.\n`,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N' }],
    affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
    references: [{ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/CVE-2099-${i}` }],
    database_specific: { cwe_ids: ['CWE-1321'], severity: rnd.pick(['LOW', 'MODERATE', 'HIGH', 'CRITICAL']), github_reviewed: true },
  };
}

function affectedVersions(rnd) {
  const version = () => (rnd.chance(0.2) ? `${rnd.pick([99, 999, 1000])}.${rnd.int(0, 9)}.${rnd.int(0, 9)}` : `${rnd.int(0, 5)}.${rnd.int(0, 20)}.${rnd.int(0, 30)}`);
  const shape = rnd.next();
  if (shape < 0.35) return { versions: Array.from({ length: rnd.int(1, 4) }, version) };
  if (shape < 0.7) return { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] };
  return { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }], versions: Array.from({ length: rnd.int(1, 3) }, version) };
}

function packageName(rnd, i) {
  const base = `${rnd.pick(WORDS)}-${rnd.pick(WORDS)}-${i.toString(36)}`;
  return rnd.chance(0.15) ? `@${rnd.pick(WORDS)}-${(i % 997).toString(36)}/${base}` : base;
}

/** Writes the zip unless an identical one (same generator source, seed and count) is there. */
export async function generateZip({ records = 250_000, seed = 1, names = [], every = 50, out = join(workDir, `osv-npm-${records}.zip`), log = () => {} } = {}) {
  const hash = createHash('sha256');
  for (const source of ['generate.mjs', 'zip-writer.mjs', '../generate/random.mjs']) hash.update(readFileSync(join(here, source)));
  const stamp = hash.update(`${seed}:${records}:${every}:${names.join(',')}`).digest('hex');
  const stampFile = `${out}.stamp`;
  if (existsSync(out) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { file: out, generated: false };
  log(`writing ${records.toLocaleString('en-US')} synthetic OSV records to ${out}`);
  mkdirSync(dirname(out), { recursive: true });
  const temp = `${out}.partial`;
  const zip = createZipWriter(temp);
  for (const [file, record] of syntheticRecords({ records, seed, names, every })) zip.add(file, Buffer.from(JSON.stringify(record, null, 2)));
  zip.close();
  renameSync(temp, out);
  writeFileSync(stampFile, stamp);
  return { file: out, generated: true };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i === -1 ? fallback : args[i + 1];
  };
  const started = performance.now();
  const { file, generated } = await generateZip({ records: Number(opt('--records', 250_000)), seed: Number(opt('--seed', 1)), ...(opt('--out') ? { out: opt('--out') } : {}), log: (m) => process.stderr.write(`[bench/db] ${m}\n`) });
  process.stderr.write(`[bench/db] ${generated ? 'wrote' : 'reusing'} ${file} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
