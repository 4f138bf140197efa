// chainwatch `scan` benchmark:   node bench/scan/run.mjs [--runs 5] [--records 250000]
// Times whole processes of `node dist/bundle/main.js scan <10k-package lockfile> --db <db> --format json`
// with a database of 250,000 synthetic OSV records loaded (built once with `db update` from the
// db benchmark's zip and kept in bench/.work/scan/ while the zip is unchanged). 100 of the
// records name packages of the lockfile, so the scan has hits to trace paths for, as a real one
// does. Wall time = median of --runs, peak RSS = max over runs (bench/rss-probe.mjs), plus the
// same scan without the database (curated incidents only) to show what the database costs.
// Also importable: `runScanBench({ runs, records, log })` and `formatScanBench(result)`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../generate/index.mjs';
import { generateZip } from '../db/generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const cli = join(repoRoot, 'dist', 'bundle', 'main.js');
const probe = join(here, '..', 'rss-probe.mjs');
const workDir = join(here, '..', '.work', 'scan');
const TARGET_SECONDS = 0.5;
const LOCKFILE_SIZE = 10_000;
/** How many of the lockfile's names the advisory records mention, and one record in how many does. */
const NAMED = 100;

/**
 * Which records name packages of the benchmark lockfile: NAMED of its names (every (N/NAMED)-th,
 * so hits are spread through the tree), one record in `every`. The db benchmark imports the same zip.
 */
export function recordNames(lockfile, records) {
  return { names: lockfileNames(lockfile), every: Math.floor(records / NAMED) };
}

function lockfileNames(lockfile, count = NAMED) {
  const names = [...new Set(Object.entries(JSON.parse(readFileSync(lockfile, 'utf8')).packages)
    .filter(([key]) => key !== '')
    .map(([key, entry]) => entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)))].sort();
  const step = Math.max(1, Math.floor(names.length / count));
  return names.filter((_, i) => i % step === 0).slice(0, count);
}

export async function runScanBench({ runs = 5, records = 250_000, timeout = 120, log = () => {} } = {}) {
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run \`npm run build\` first`);
  mkdirSync(workDir, { recursive: true });
  const [lock] = generate({ sizes: [LOCKFILE_SIZE], formats: ['npm-v3'], log });
  const { file: zip } = await generateZip({ records, ...recordNames(lock.file, records), log });
  const db = await ensureDatabase(zip, log);
  const notes = [];
  if (loadavg()[0] > cpus().length) notes.push(`machine busy: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; timings are inflated`);
  const withDb = time(['scan', lock.dir, '--db', db, '--format', 'json', '--fail-on', 'none'], runs, timeout, log, 'scan with database');
  const curatedOnly = time(['scan', lock.dir, '--db', join(workDir, 'absent.db'), '--format', 'json', '--fail-on', 'none'], runs, timeout, log, 'scan, curated only');
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    records,
    packages: LOCKFILE_SIZE,
    hits: withDb.hits,
    withDb,
    curatedOnly,
    target: { text: `scan a ${LOCKFILE_SIZE.toLocaleString('en-US')}-package lockfile with ${records.toLocaleString('en-US')} OSV records under ${TARGET_SECONDS} s`, verdict: withDb.median < TARGET_SECONDS ? 'PASS' : 'FAIL' },
    notes,
  };
  writeFileSync(join(workDir, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

/** `db update` once: the database is kept while the zip and the database writer are unchanged. */
async function ensureDatabase(zip, log) {
  const db = join(workDir, 'advisories.db');
  const stamp = `${db}.stamp`;
  // Rebuilt when the records or the code that writes the database change.
  const hash = createHash('sha256').update(readFileSync(`${zip}.stamp`, 'utf8'));
  for (const file of ['advisory-db-writer.js', 'schema.js']) hash.update(readFileSync(join(repoRoot, 'dist', 'infra', 'store', file)));
  const zipStamp = hash.digest('hex');
  if (existsSync(db) && existsSync(stamp) && readFileSync(stamp, 'utf8') === zipStamp) return db;
  rmSync(db, { force: true });
  log(`building the scan benchmark's advisory database from ${zip}`);
  const r = spawnSync(process.execPath, [cli, 'db', 'update', '--source', zip, '--db', db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`db update exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
  writeFileSync(stamp, zipStamp);
  return db;
}

function time(args, runs, timeout, log, label) {
  const rssFile = join(workDir, 'rss.txt');
  const times = [];
  let rssKB = 0;
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    rmSync(rssFile, { force: true });
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', probe, cli, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: timeout * 1000,
      env: { ...process.env, CHAINWATCH_BENCH_RSS_FILE: rssFile },
      maxBuffer: 64 << 20,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.error?.code === 'ETIMEDOUT' || r.signal) throw new Error(`${label} timed out after ${timeout} s`);
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
    times.push(seconds);
    if (existsSync(rssFile)) rssKB = Math.max(rssKB, ...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
    hits = JSON.parse(r.stdout).projects[0].findings.length;
    log(`${label} run ${run + 1}/${runs}: ${seconds.toFixed(3)} s, ${hits} hits`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { runs: times, median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, min: sorted[0], max: sorted.at(-1), peakRssKB: rssKB || null, hits };
}

export function formatScanBench(r) {
  const row = (label, m) => `  ${label.padEnd(22)} ${m.median.toFixed(3)} s median (${m.min.toFixed(3)}–${m.max.toFixed(3)}), peak RSS ${m.peakRssKB ? `${(m.peakRssKB / 1024).toFixed(0)} MB` : '-'}, ${m.hits} hits`;
  return [
    `chainwatch scan benchmark — node ${r.node}, ${r.cpus} CPUs, runs=${r.withDb.runs.length}`,
    `  npm v3 lockfile of ${r.packages.toLocaleString('en-US')} packages; ${r.records.toLocaleString('en-US')} synthetic OSV records, ${NAMED} of them naming its packages`,
    row('with the database', r.withDb),
    row('curated incidents only', r.curatedOnly),
    `  ${r.target.verdict.padEnd(4)}  ${r.target.text}`,
    ...r.notes.map((n) => `  note: ${n}`),
  ].join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (flag, fallback) => {
    const i = args.indexOf(flag);
    if (i !== -1 && args[i + 1] === undefined) throw new Error(`${flag} needs a value`);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  const known = new Set(['--runs', '--records', '--timeout']);
  for (let i = 0; i < args.length; i += 2) if (!known.has(args[i])) throw new Error(`unknown option ${args[i]} (known: ${[...known].join(', ')})`);
  const result = await runScanBench({ runs: Math.max(1, opt('--runs', 5)), records: opt('--records', 250_000), timeout: opt('--timeout', 120), log: (m) => process.stderr.write(`[bench/scan] ${m}\n`) });
  process.stdout.write(formatScanBench(result));
}
