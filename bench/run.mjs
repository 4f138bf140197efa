// chainwatch benchmarks:   npm run bench -- [--suites inventory,db,scan,inspect,diff,gate] [--runs 5] [--only <format>] [--sizes 10000,50000]
//                                           [--timeout 120] [--no-peers] [--no-validate] [--reuse-peers]
// The db, scan, inspect, diff and gate suites are bench/db/run.mjs, bench/scan/run.mjs, bench/inspect/run.mjs,
// bench/diff/run.mjs and bench/gate/run.mjs (see their headers).
// Generates synthetic lockfiles (bench/generate), installs pinned peers (bench/peers.json), then times
// whole processes: ours (`node dist/bundle/main.js inventory <dir> --format json`), the floor (node +
// read + JSON.parse), arborist loadVirtual, `npm ls --all --json --package-lock-only`, and
// snyk-nodejs-lockfile-parser. Wall = median of K runs; peak RSS = max over runs (getrusage maxRSS,
// reported by bench/rss-probe.mjs loaded with --import). Progress goes to stderr, the table to
// stdout, everything to bench/.work/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMATS, generate } from './generate/index.mjs';
import { ensurePeers } from './peers/install.mjs';
import { validate } from './validate.mjs';
import { formatDbBench, runDbBench } from './db/run.mjs';
import { formatScanBench, recordNames, runScanBench } from './scan/run.mjs';
import { formatInspectBench, runInspectBench } from './inspect/run.mjs';
import { formatDiffBench, runDiffBench } from './diff/run.mjs';
import { formatGateBench, runGateBench } from './gate/run.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const workDir = join(benchDir, '.work');
const probe = join(benchDir, 'rss-probe.mjs');
const rssFile = join(workDir, 'rss.txt');
const oursCli = join(repoRoot, 'dist', 'bundle', 'main.js');
const realLockDir = join(repoRoot, 'src', 'readers', 'npm-lock', 'fixtures', 'generated', 'large-npm11');
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
/**
 * inventory: lockfile reading against peers; db: OSV import; scan: scan with the database loaded;
 * inspect: the detection engine over a real node_modules, against ripgrep and retire.js;
 * diff: release diffs of a small and a ~50 MB real package, against `npm diff`;
 * gate: the install gate's registry proxy against direct requests (wrk), and npm install through `chainwatch guard`.
 */
const SUITES = ['inventory', 'db', 'scan', 'inspect', 'diff', 'gate'];

const options = parseArgs(process.argv.slice(2));
mkdirSync(workDir, { recursive: true });
const notes = [];
const peers = options.peers && options.suites.includes('inventory') ? ensurePeers(log) : {};
const npmCli = options.peers ? findNpmCli() : null;
if (options.peers && !npmCli) notes.push('npm ls skipped: could not locate npm-cli.js behind `npm` on PATH');
const npmVersion = npmCli ? JSON.parse(readFileSync(join(dirname(npmCli), '..', 'package.json'), 'utf8')).version : null;
if (!existsSync(oursCli)) notes.push(`ours skipped: ${oursCli} does not exist yet (npm run build produces it once src/cli/main.ts exists)`);
if (loadavg()[0] > cpus().length) notes.push(`machine busy: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; timings are inflated`);

const previousRows = options.reusePeers ? loadPreviousRows() : [];
const lockfiles = options.suites.includes('inventory') ? generate({ sizes: options.sizes, formats: options.formats, log }) : [];
const rows = [];
const validation = {};
for (const lock of lockfiles) {
  if (options.validate && options.peers) {
    const verdict = validate(lock, { log });
    validation[`${lock.format}-${lock.size}`] = verdict;
    if (!verdict.ok) notes.push(`${lock.format}-${lock.size}: validation FAILED (${JSON.stringify(verdict.checks.filter((c) => c.ok === false).map((c) => c.check))})`);
  }
  for (const command of commandsFor(lock)) {
    const row = measure(command, lock.format, lock.size, lock.bytes);
    if (row.tool === 'ours' && !row.failed) checkOursCount(command, row, lock.size);
    rows.push(row);
  }
}
if (options.suites.includes('inventory')) {
  const real = measureRealLockfile();
  const targets = evaluateTargets(rows, real);
  printReport(rows, real, targets);
  writeFileSync(join(workDir, 'results.json'), JSON.stringify({
    date: new Date().toISOString(), node: process.version, npm: npmVersion, peers, cpus: cpus().length, loadavgAtEnd: loadavg(),
    options, notes, validation, rows, real, targets,
  }, null, 2) + '\n');
}
// The advisory database (issue: import 250,000 OSV records under 30 s) and the scan with it
// loaded (a 10,000-package lockfile under 0.5 s) share one zip of synthetic records, 100 of
// which name packages of the scan's lockfile.
if (options.suites.includes('db') || options.suites.includes('scan')) {
  const [scanLock] = generate({ sizes: [10000], formats: ['npm-v3'], log });
  if (options.suites.includes('db')) {
    const runs = Math.min(options.runs, 3); // each run imports 250,000 records
    process.stdout.write('\n' + formatDbBench(await runDbBench({ runs, ...recordNames(scanLock.file, 250_000), log })));
  }
  if (options.suites.includes('scan')) process.stdout.write('\n' + formatScanBench(await runScanBench({ runs: options.runs, log })));
}
// A real node_modules installed once (bench/inspect/setup.mjs); retire.js takes 20-30 s a run, so
// at most 3 runs, and a per-run limit of at least 300 s.
if (options.suites.includes('inspect')) {
  const runs = Math.min(options.runs, 3);
  process.stdout.write('\n' + formatInspectBench(await runInspectBench({ runs, timeout: Math.max(options.timeout, 300), peers: options.peers, log })));
}
// Two real releases each of chalk, typescript and echarts, fetched once into a private npm cache
// (bench/diff/run.mjs); --no-peers leaves out the `npm diff` reference rows.
if (options.suites.includes('diff')) {
  process.stdout.write('\n' + formatDiffBench(await runDiffBench({ runs: options.runs, timeout: Math.max(options.timeout, 300), peers: options.peers, log })));
}
// wrk against a local upstream, straight and through `chainwatch proxy`, then one real npm install
// straight and through `chainwatch guard` (bench/gate/run.mjs); 3–4 minutes, whatever --runs says.
// Its figures also go under the `gate` key of bench/.work/results.json.
if (options.suites.includes('gate')) {
  process.stdout.write('\n' + formatGateBench(await runGateBench({ log })));
}
log(`wrote ${join(workDir, 'results.json')}`);

function parseArgs(argv) {
  const out = { runs: 5, sizes: [10000, 50000], formats: FORMATS, timeout: 120, peers: true, validate: true, reusePeers: false, suites: SUITES };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => { if (argv[i + 1] === undefined) throw new Error(`${arg} needs a value`); return argv[++i]; };
    if (arg === '--runs') out.runs = Math.max(1, Number(value()));
    else if (arg === '--sizes') out.sizes = value().split(',').map(Number);
    else if (arg === '--only') out.formats = value().split(',');
    else if (arg === '--timeout') out.timeout = Number(value());
    else if (arg === '--no-peers') out.peers = false;
    else if (arg === '--no-validate') out.validate = false;
    else if (arg === '--reuse-peers') out.reusePeers = true;
    else if (arg === '--suites') out.suites = value().split(',');
    else throw new Error(`unknown option ${arg} (see bench/README.md)`);
  }
  const unknownSuites = out.suites.filter((s) => !SUITES.includes(s));
  if (unknownSuites.length) throw new Error(`unknown suite ${unknownSuites.join(', ')}; known: ${SUITES.join(', ')}`);
  const unknown = out.formats.filter((f) => !FORMATS.includes(f));
  if (unknown.length) throw new Error(`unknown format ${unknown.join(', ')}; known: ${FORMATS.join(', ')}`);
  return out;
}

/** The JS entry point behind `npm` on PATH (a symlink, or a shim next to lib/node_modules/npm). */
function findNpmCli() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(dir, 'npm');
    if (!existsSync(bin)) continue;
    const real = realpathSync(bin);
    const candidates = [real, join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), join(dirname(real), 'node_modules', 'npm', 'bin', 'npm-cli.js')];
    const found = candidates.find((c) => basename(c) === 'npm-cli.js' && existsSync(c));
    if (found) return found;
  }
  return null;
}

function commandsFor(lock) {
  const isJson = lock.format.startsWith('npm');
  const list = [
    { tool: 'floor', label: isJson ? 'node: read + JSON.parse' : 'node: read file', args: [join(benchDir, 'floor.mjs'), lock.file, isJson ? 'json' : 'read'] },
  ];
  if (existsSync(oursCli)) list.push({ tool: 'ours', label: 'chainwatch inventory', args: [oursCli, 'inventory', lock.dir, '--format', 'json'] });
  if (!options.peers) return list;
  if (isJson) {
    list.push({ tool: 'arborist', label: `arborist ${peers['@npmcli/arborist']} loadVirtual`, args: [join(benchDir, 'peers', 'arborist.mjs'), lock.dir] });
    if (npmCli) list.push({ tool: 'npm-ls', label: `npm ${npmVersion} ls --all --json --package-lock-only`, args: [npmCli, 'ls', '--all', '--json', '--package-lock-only'], cwd: lock.dir });
  }
  if (lock.format !== 'bun') list.push({ tool: 'snyk', label: `snyk-nodejs-lockfile-parser ${peers['snyk-nodejs-lockfile-parser']}`, args: [join(benchDir, 'peers', 'snyk.mjs'), lock.dir, lock.format] });
  return list;
}

/**
 * K timed runs of one command (stdout to /dev/null). A run that exceeds --timeout ends the series:
 * the row then records a lower bound. A peer that timed out at a smaller size is not retried larger.
 */
function measure(command, format, size, bytes) {
  const reused = reusable(command, format, size);
  if (reused) return reused;
  const row = { format, size, bytes, tool: command.tool, label: command.label, runs: [], rssKB: null, exitCodes: [], timedOut: false };
  const smallerTimeout = rows.find((r) => r.format === format && r.tool === command.tool && r.size < size && r.timedOut);
  if (smallerTimeout) {
    row.timedOut = true;
    row.skipped = `not run: already over ${options.timeout} s at ${smallerTimeout.size}`;
    log(`${format}-${size} ${command.tool}: ${row.skipped}`);
    return row;
  }
  const devNull = openSync('/dev/null', 'w');
  try {
    for (let run = 0; run < options.runs; run++) {
      rmSync(rssFile, { force: true });
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ['--import', probe, ...command.args], {
        cwd: command.cwd ?? repoRoot,
        stdio: ['ignore', devNull, 'pipe'],
        timeout: options.timeout * 1000,
        env: { ...process.env, CHAINWATCH_BENCH_RSS_FILE: rssFile, npm_config_update_notifier: 'false' },
        maxBuffer: 16 << 20,
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM') {
        row.timedOut = true;
        log(`${format}-${size} ${command.tool}: timed out after ${options.timeout} s`);
        break;
      }
      row.runs.push(seconds);
      row.exitCodes.push(result.status);
      if (existsSync(rssFile)) row.rssKB = Math.max(row.rssKB ?? 0, ...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
      log(`${format}-${size} ${command.tool} run ${run + 1}/${options.runs}: ${seconds.toFixed(3)} s, exit ${result.status}`);
      if (result.status === 0) continue;
      const lines = result.stderr.toString().split('\n').filter((l) => l.trim() && !l.startsWith('Node.js v'));
      row.stderr = (lines.find((l) => /Error|error:/.test(l)) ?? lines.at(-1) ?? '').trim().slice(0, 300);
      // npm ls exits 1 on tree problems it still reports; any other failure is not a measurement.
      if (command.tool !== 'npm-ls') {
        row.failed = `exit ${result.status}: ${row.stderr}`;
        row.runs = [];
        row.rssKB = null;
        notes.push(`${format}-${size} ${command.tool} failed (${row.failed})`);
        break;
      }
    }
  } finally {
    closeSync(devNull);
  }
  const sorted = [...row.runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  row.median = !sorted.length ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  row.min = sorted[0] ?? null;
  row.max = sorted.at(-1) ?? null;
  return row;
}

/** One untimed run of ours: the distinct name@version it reports must be exactly N. */
function checkOursCount(command, row, expected) {
  const result = spawnSync(process.execPath, command.args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 30 });
  try {
    const distinct = new Set();
    for (const project of JSON.parse(result.stdout).projects) for (const pkg of project.packages) distinct.add(`${pkg.name}@${pkg.version}`);
    row.packagesReported = distinct.size;
  } catch (error) {
    row.packagesReported = `unreadable output: ${error.message.slice(0, 100)}`;
  }
  if (row.packagesReported !== expected) notes.push(`${row.format}-${row.size}: ours reported ${row.packagesReported} distinct packages, expected ${expected}`);
}

/** --reuse-peers: peer rows (slow, and unaffected by our code) from the previous results.json. */
function loadPreviousRows() {
  const path = join(workDir, 'results.json');
  if (!existsSync(path)) return [];
  const previous = JSON.parse(readFileSync(path, 'utf8'));
  return [...previous.rows, ...(previous.real?.rows ?? [])].map((row) => ({ ...row, reusedFrom: row.reusedFrom ?? previous.date }));
}

function reusable(command, format, size) {
  if (command.tool === 'ours' || command.tool === 'floor') return null;
  const row = previousRows.find((r) => r.format === format && r.size === size && r.tool === command.tool && r.label === command.label && !r.failed);
  if (row) log(`${format}-${size} ${command.tool}: reusing the figures from ${row.reusedFrom}`);
  return row ?? null;
}

function measureRealLockfile() {
  const file = join(realLockDir, 'package-lock.json');
  if (!existsSync(file)) { notes.push(`real lockfile skipped: ${file} not found (generated by the npm-lock reader's fixture script)`); return null; }
  const packages = Object.keys(JSON.parse(readFileSync(file, 'utf8')).packages ?? {}).length - 1;
  const bytes = statSync(file).size;
  log(`real lockfile: ${file} (${packages} entries)`);
  const lock = { format: 'npm-real', dir: realLockDir, file, size: packages, bytes };
  const commands = [{ tool: 'floor', label: 'node: read + JSON.parse', args: [join(benchDir, 'floor.mjs'), file, 'json'] }];
  if (existsSync(oursCli)) commands.push({ tool: 'ours', label: 'chainwatch inventory', args: [oursCli, 'inventory', realLockDir, '--format', 'json'] });
  if (options.peers) commands.push(...commandsFor({ ...lock, format: 'npm-v3' }).filter((c) => c.tool === 'arborist' || c.tool === 'npm-ls'));
  return { file: file.slice(repoRoot.length + 1), entries: packages, bytes, rows: commands.map((c) => measure(c, 'npm-real', packages, bytes)) };
}

function evaluateTargets(rows, real) {
  const find = (list, format, size, tool) => list.find((r) => r.format === format && r.size === size && r.tool === tool);
  const targets = [];
  for (const format of options.formats) {
    const ours = find(rows, format, 50000, 'ours');
    targets.push({ target: `50k ${format} under 1 s`, verdict: !ours?.median ? 'SKIP' : ours.median < 1 ? 'PASS' : 'FAIL', value: ours?.median ?? null });
  }
  for (const format of options.formats.filter((f) => f.startsWith('npm'))) {
    for (const size of options.sizes) {
      const ours = find(rows, format, size, 'ours');
      for (const tool of ['arborist', 'npm-ls']) {
        const peer = find(rows, format, size, tool);
        // A timed-out peer still gives a lower bound: at least --timeout seconds.
        const peerSeconds = peer?.timedOut ? options.timeout : peer?.median;
        const ratio = ours?.median && peerSeconds ? peerSeconds / ours.median : null;
        targets.push({ target: `${format}-${size}: >=10x faster than ${tool}`, verdict: ratio === null ? 'SKIP' : ratio >= 10 ? 'PASS' : 'FAIL', value: ratio, lowerBound: Boolean(peer?.timedOut) });
      }
    }
  }
  const ours = real?.rows.find((r) => r.tool === 'ours');
  const floor = real?.rows.find((r) => r.tool === 'floor');
  const ratio = ours?.median && floor?.median ? ours.median / floor.median : null;
  targets.push({ target: 'real npm 11 lockfile (large-npm11): within 2x of the floor', verdict: ratio === null ? 'SKIP' : ratio <= 2 ? 'PASS' : 'FAIL', value: ratio });
  return targets;
}

function printReport(rows, real, targets) {
  const all = [...rows, ...(real?.rows ?? [])];
  const header = ['format', 'N', 'tool', 'median', 'min–max', 'peak RSS', 'vs ours'];
  const table = [header];
  for (const row of all) {
    const ours = all.find((r) => r.format === row.format && r.size === row.size && r.tool === 'ours');
    table.push([row.format, String(row.size), row.label + (row.reusedFrom ? ' (reused)' : ''), seconds(row), range(row), row.rssKB ? `${(row.rssKB / 1024).toFixed(0)} MB` : '-', versus(row, ours)]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const out = [`chainwatch inventory benchmark — node ${process.version}, npm ${npmVersion ?? '-'}, ${cpus().length} CPUs, runs=${options.runs}, timeout=${options.timeout}s`, ''];
  for (const [i, line] of table.entries()) {
    out.push(line.map((cell, c) => (c === 1 || c === 3 || c === 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
    if (i === 0) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  out.push('', 'Targets:');
  for (const t of targets) out.push(`  ${t.verdict.padEnd(4)}  ${t.target}${t.value === null ? '' : `  (${t.target.includes('faster') ? `${t.lowerBound ? '>=' : ''}${t.value.toFixed(1)}x` : t.target.includes('floor') ? `${t.value.toFixed(2)}x floor` : `${t.value.toFixed(3)} s`})`}`);
  if (notes.length) out.push('', 'Notes:', ...notes.map((n) => `  - ${n}`));
  process.stdout.write(out.join('\n') + '\n');
}

function seconds(row) {
  if (row.failed) return 'failed';
  if (row.skipped) return `>${options.timeout} s`;
  if (row.timedOut && row.median === null) return `>${options.timeout} s`;
  return row.median === null ? '-' : `${row.median.toFixed(3)} s${row.timedOut ? '*' : ''}`;
}

function range(row) {
  return row.min === null || row.min === undefined ? '-' : `${row.min.toFixed(3)}–${row.max.toFixed(3)}`;
}

function versus(row, ours) {
  if (row.tool === 'ours') return '';
  if (!ours?.median) return row.tool === 'floor' ? 'floor' : '';
  if (row.tool === 'floor') return row.median ? `floor (ours = ${(ours.median / row.median).toFixed(2)}x)` : 'floor';
  const peerSeconds = row.median ?? (row.timedOut ? options.timeout : null); // timed out: a lower bound
  if (!peerSeconds) return '';
  const ratio = peerSeconds / ours.median;
  const prefix = row.median == null ? '>=' : '';
  return ratio >= 1 ? `${prefix}${ratio.toFixed(1)}x slower` : `${(1 / ratio).toFixed(1)}x faster`;
}
