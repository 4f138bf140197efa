// chainwatch `db update` benchmark:   node bench/db/run.mjs [--runs 3] [--records 250000] [--seed 1] [--timeout 300]
// Generates (or reuses) a deterministic zip of synthetic OSV npm records (bench/db/generate.mjs),
// then times whole processes of `node dist/bundle/main.js db update --source <zip> --db <tmp>`:
// wall time is the median of --runs, peak RSS the highest maxRSS over the runs (bench/rss-probe.mjs,
// loaded with --import, as the inventory benchmark does). Each run builds a fresh database file.
// Progress goes to stderr, the figures to stdout and bench/.work/db/results.json.
// Also importable: `runDbBench({ runs, records, seed, timeout, log })` returns the result object.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateZip, workDir } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const cli = join(repoRoot, 'dist', 'bundle', 'main.js');
const probe = join(here, '..', 'rss-probe.mjs');
/** The issue's target for importing 250,000 records. */
const TARGET_SECONDS = 30;

export async function runDbBench({ runs = 3, records = 250_000, seed = 1, names = [], every = 50, timeout = 300, log = () => {} } = {}) {
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run \`npm run build\` first`);
  mkdirSync(workDir, { recursive: true });
  const { file: zip } = await generateZip({ records, seed, names, every, log });
  const db = join(workDir, 'bench-advisories.db');
  const rssFile = join(workDir, 'rss.txt');
  const notes = [];
  if (loadavg()[0] > cpus().length) notes.push(`machine busy: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; timings are inflated`);
  const times = [];
  let rssKB = 0;
  let result = null;
  for (let run = 0; run < runs; run++) {
    rmSync(db, { force: true });
    rmSync(rssFile, { force: true });
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--import', probe, cli, 'db', 'update', '--source', zip, '--db', db, '--format', 'json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: timeout * 1000,
      env: { ...process.env, CHAINWATCH_BENCH_RSS_FILE: rssFile },
      maxBuffer: 16 << 20,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.error?.code === 'ETIMEDOUT' || child.signal) throw new Error(`db update timed out after ${timeout} s`);
    if (child.status !== 0) throw new Error(`db update exited ${child.status}: ${child.stderr.trim().split('\n')[0]}`);
    times.push(seconds);
    if (existsSync(rssFile)) rssKB = Math.max(rssKB, ...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
    result = JSON.parse(child.stdout);
    log(`db update run ${run + 1}/${runs}: ${seconds.toFixed(2)} s, ${result.records.stored.toLocaleString('en-US')} advisories stored`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    records,
    zipBytes: statSync(zip).size,
    dbBytes: statSync(db).size,
    stored: result.records.stored,
    counts: result.records,
    runs: times,
    median,
    min: sorted[0],
    max: sorted.at(-1),
    peakRssKB: rssKB || null,
    target: { text: `import ${records.toLocaleString('en-US')} records under ${TARGET_SECONDS} s`, verdict: median < TARGET_SECONDS ? 'PASS' : 'FAIL' },
    notes,
  };
  rmSync(db, { force: true });
  writeFileSync(join(workDir, 'results.json'), JSON.stringify(out, null, 2) + '\n');
  return out;
}

export function formatDbBench(r) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  return [
    `chainwatch db update benchmark — node ${r.node}, ${r.cpus} CPUs, runs=${r.runs.length}`,
    `  ${r.records.toLocaleString('en-US')} synthetic OSV records, ${mb(r.zipBytes)} zip -> ${mb(r.dbBytes)} database (${r.stored.toLocaleString('en-US')} advisories stored)`,
    `  wall ${r.median.toFixed(2)} s median (${r.min.toFixed(2)}–${r.max.toFixed(2)}), peak RSS ${r.peakRssKB ? `${(r.peakRssKB / 1024).toFixed(0)} MB` : '-'}`,
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
  const known = new Set(['--runs', '--records', '--seed', '--timeout']);
  for (let i = 0; i < args.length; i += 2) if (!known.has(args[i])) throw new Error(`unknown option ${args[i]} (known: ${[...known].join(', ')})`);
  const result = await runDbBench({
    runs: Math.max(1, opt('--runs', 3)),
    records: opt('--records', 250_000),
    seed: opt('--seed', 1),
    timeout: opt('--timeout', 300),
    log: (m) => process.stderr.write(`[bench/db] ${m}\n`),
  });
  process.stdout.write(formatDbBench(result));
}
