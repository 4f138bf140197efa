// chainwatch `diff` benchmark:   node bench/diff/run.mjs [--runs 3] [--timeout 300] [--no-peers]
//                                                        [--pairs small,mid,large] [--cli dist/bundle/main.js]
// Times whole processes diffing two real releases of a package (issue 5, "Speed"):
// - small: chalk 5.5.0 -> 5.6.0; target under 1 s
// - mid:   typescript 5.9.2 -> 5.9.3 (about 22 MB unpacked), for context
// - large: echarts 5.6.0 -> 6.0.0 (about 51 -> 55 MB unpacked, 1,247 -> 1,319 files); target under 15 s
// For each pair: `node dist/bundle/main.js diff <from> <to> --format json`, and as the reference point
// npm's own release diff, `npm diff --diff=<from> --diff=<to>` (a text diff only, no analysis).
// "After the tarballs are cached": both tools share a private npm cache (npm_config_cache =
// bench/.work/diff/npm-cache; chainwatch reads npm's configuration), filled by one untimed warm-up
// run of every command. The first fetch uses the registry of the machine's npm configuration.
// Later runs take tarballs and, for exact versions, packuments from that cache: chainwatch makes no
// registry request then (npm diff may still revalidate its packuments).
// Wall = median of --runs, peak RSS = max over runs (bench/rss-probe.mjs; npm runs as
// `node npm-cli.js` so it is probed the same way). A failing command does not stop the benchmark:
// its row shows the error. Progress goes to stderr, the table to stdout, every figure to
// bench/.work/diff/results.json.
// Also importable: `runDiffBench({ runs, timeout, peers, pairs, cli, log })` and `formatDiffBench(result)`.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLine } from '../inspect/setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const workDir = join(here, '..', '.work', 'diff');
const probe = join(here, '..', 'rss-probe.mjs');
const defaultCli = join(repoRoot, 'dist', 'bundle', 'main.js');
/** Shared by both tools, so "cached" means the same tarballs for each. */
const npmCache = join(workDir, 'npm-cache');
/** chainwatch's own caches (if the diff uses any) stay out of the user's. */
const xdgCache = join(workDir, 'xdg-cache');
const outDir = join(workDir, 'out');

/**
 * The release pairs; `target` is issue 5's limit in seconds for chainwatch's median. `npm diff`
 * on echarts (1,131 changed files) did not finish in 300 s here: its runs stop at `peerTimeout`,
 * which is enough to show the ratio's lower bound without spending five minutes a run.
 */
export const PAIRS = [
  { id: 'small', from: 'chalk@5.5.0', to: 'chalk@5.6.0', target: 1 },
  { id: 'mid', from: 'typescript@5.9.2', to: 'typescript@5.9.3', target: null },
  { id: 'large', from: 'echarts@5.6.0', to: 'echarts@6.0.0', target: 15, peerTimeout: 60 },
];

export async function runDiffBench({ runs = 3, timeout = 300, peers = true, pairs = PAIRS.map((p) => p.id), cli = defaultCli, log = () => {} } = {}) {
  mkdirSync(outDir, { recursive: true });
  mkdirSync(npmCache, { recursive: true });
  const notes = [];
  const busy = () => (loadavg()[0] > cpus().length ? `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs` : null);
  if (busy()) notes.push(`machine busy at the start: ${busy()}; timings are inflated`);
  const npm = peers ? findNpmCli() : null;
  const npmVersion = npm ? JSON.parse(readFileSync(join(dirname(npm), '..', 'package.json'), 'utf8')).version : null;
  if (peers && !npm) notes.push('npm diff skipped: could not locate npm-cli.js behind `npm` on PATH');
  const cliError = existsSync(cli) ? null : `${cli} does not exist: run \`npm run build\` first`;

  const rows = [];
  for (const pair of PAIRS.filter((p) => pairs.includes(p.id))) {
    const ours = {
      id: `${pair.id}-ours`,
      pair: pair.id,
      tool: 'ours',
      label: 'chainwatch diff --format json',
      // Exit 1 is the verdict reaching --fail-on (default malicious), which is a result, as long as a whole report came out.
      ...(cliError ? { error: cliError } : { argv: [cli, 'diff', pair.from, pair.to, '--format', 'json'], okCodes: [0, 1], check: (status, out) => (isJsonFile(out) ? null : `exit ${status} without a JSON report`) }),
    };
    const theirs = {
      id: `${pair.id}-npm`,
      pair: pair.id,
      tool: 'npm',
      label: `npm ${npmVersion ?? ''} diff`.replace('  ', ' '),
      ...(!peers ? { skipped: 'not run (--no-peers)' } : !npm ? { error: 'npm-cli.js not found' } : { argv: [npm, 'diff', `--diff=${pair.from}`, `--diff=${pair.to}`], okCodes: [0] }),
    };
    for (const spec of [ours, theirs]) {
      log(`${spec.id}: ${pair.from} -> ${pair.to}`);
      const row = measure(spec, { runs, timeout: spec.tool === 'npm' ? Math.min(timeout, pair.peerTimeout ?? timeout) : timeout, log });
      row.summary = spec.tool === 'ours' ? summarizeOurs(row) : summarizeNpm(row);
      rows.push(row);
    }
  }
  if (busy()) notes.push(`machine busy at the end: ${busy()}; timings are inflated`);

  const row = (id) => rows.find((r) => r.id === id);
  const targets = PAIRS.filter((p) => p.target !== null && pairs.includes(p.id)).map((p) => {
    const median = row(`${p.id}-ours`)?.median ?? null;
    return { target: `${p.id} (${p.from} -> ${p.to}) under ${p.target} s`, verdict: median === null ? 'SKIP' : median < p.target ? 'PASS' : 'FAIL', value: median, unit: 's' };
  });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    npm: npmVersion,
    cpus: cpus().length,
    runs,
    cli: relative(repoRoot, cli),
    cache: relative(repoRoot, npmCache),
    pairs: PAIRS.filter((p) => pairs.includes(p.id)),
    rows,
    targets,
    notes,
  };
  writeFileSync(join(workDir, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

/**
 * One untimed warm-up run (fills the cache; its time is kept as `warmup`), then `runs` timed runs.
 * stdout goes to a file (read for the summaries), stderr is captured for the error line. An exit
 * code outside okCodes or a timeout ends the series with `error` set.
 */
function measure(spec, { runs, timeout, log }) {
  const row = {
    id: spec.id, pair: spec.pair, tool: spec.tool, label: spec.label,
    command: spec.argv ? ['node', ...spec.argv].map(shorten).join(' ') : null,
    warmup: null, runs: [], exitCodes: [], rssKB: null, error: spec.error ?? null, skipped: spec.skipped ?? null,
  };
  if (row.error || row.skipped) { log(`${spec.id}: ${row.error ?? row.skipped}`); return finish(row); }
  const rssFile = join(workDir, 'rss.txt');
  const stdoutFile = join(outDir, `${spec.id}.out`);
  for (let run = -1; run < runs; run++) {
    rmSync(rssFile, { force: true });
    const fd = openSync(stdoutFile, 'w');
    const started = process.hrtime.bigint();
    let r;
    try {
      r = spawnSync(process.execPath, ['--import', probe, ...spec.argv], {
        cwd: repoRoot,
        stdio: ['ignore', fd, 'pipe'],
        timeout: timeout * 1000,
        maxBuffer: 64 << 20,
        env: { ...process.env, CHAINWATCH_BENCH_RSS_FILE: rssFile, npm_config_cache: npmCache, npm_config_update_notifier: 'false', XDG_CACHE_HOME: xdgCache, NO_COLOR: '1' },
      });
    } finally {
      closeSync(fd);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const what = run < 0 ? 'warm-up' : `run ${run + 1}/${runs}`;
    if (r.error?.code === 'ETIMEDOUT' || r.signal) {
      row.timedOut = true;
      row.timeout = timeout;
      row.error = `${what} timed out after ${timeout} s`;
      log(`${spec.id}: ${row.error}`);
      row.runs = [];
      break;
    }
    if (r.error) { row.error = r.error.message; row.runs = []; break; }
    const problem = !spec.okCodes.includes(r.status) ? `exit ${r.status}` : spec.check?.(r.status, stdoutFile);
    if (problem) {
      row.error = `${what}: ${problem}: ${firstLine(r.stderr) || firstLine(readHead(stdoutFile))}`;
      log(`${spec.id}: ${row.error}`);
      row.runs = [];
      break;
    }
    log(`${spec.id} ${what}: ${seconds.toFixed(3)} s, exit ${r.status}`);
    if (run < 0) { row.warmup = seconds; continue; }
    row.runs.push(seconds);
    row.exitCodes.push(r.status);
    if (existsSync(rssFile)) {
      const values = readFileSync(rssFile, 'utf8').split('\n').filter((l) => /^\d+$/.test(l.trim())).map(Number);
      if (values.length) row.rssKB = Math.max(row.rssKB ?? 0, ...values);
    }
  }
  row.stdoutFile = relative(repoRoot, stdoutFile);
  return finish(row);
}

function finish(row) {
  const sorted = [...row.runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  row.median = !sorted.length ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  row.min = sorted[0] ?? null;
  row.max = sorted.at(-1) ?? null;
  return row;
}

/** Verdict, score, file counts and unpacked sizes from the last run's JSON (issue 5's stable keys). */
function summarizeOurs(row) {
  if (!row.runs.length) return null;
  try {
    const d = JSON.parse(readFileSync(join(repoRoot, row.stdoutFile), 'utf8'));
    const size = d.metadata?.size ?? {};
    return {
      verdict: d.verdict,
      score: d.score,
      reasons: d.reasons ?? [],
      files: { added: d.files?.added?.length ?? null, removed: d.files?.removed?.length ?? null, changed: d.files?.changed?.length ?? null },
      findings: d.findings?.length ?? null,
      unpacked: { from: size.from ?? null, to: size.to ?? null },
      patchBytes: d.patchSummary?.bytes ?? null,
      patchTruncated: d.patchSummary?.truncated ?? null,
      elapsedMs: d.elapsedMs ?? null,
    };
  } catch (error) {
    return { error: `output is not JSON: ${error.message.slice(0, 120)}` };
  }
}

/** Lines and bytes of npm's unified diff, and how many files it covers (`diff --git` headers). */
function summarizeNpm(row) {
  if (!row.runs.length) return null;
  const file = join(repoRoot, row.stdoutFile);
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  let bytes = 0;
  let files = 0;
  let carry = '';
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      bytes += n;
      for (let i = 0; i < n; i++) if (buffer[i] === 10) lines++;
      // A header may straddle chunks: carry the start of the unfinished last line into the next one
      // (only its start matters, and minified lines can be megabytes long).
      const text = carry + buffer.toString('latin1', 0, n);
      const cut = text.lastIndexOf('\n');
      files += text.slice(0, cut + 1).match(/^diff --git /gm)?.length ?? 0;
      carry = text.slice(cut + 1, cut + 1 + 200);
    }
    if (carry.startsWith('diff --git ')) files++;
  } finally {
    closeSync(fd);
  }
  return { lines, bytes, files };
}

function readHead(file) {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

function isJsonFile(file) {
  try {
    JSON.parse(readFileSync(file, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** The JS entry point behind `npm` on PATH (a symlink, or a shim next to lib/node_modules/npm); as bench/run.mjs finds it. */
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

export function formatDiffBench(r) {
  const row = (id) => r.rows.find((x) => x.id === id);
  const header = ['pair', 'command', 'median', 'min–max', 'peak RSS', 'vs npm diff', 'warm-up', 'result'];
  const table = [header];
  for (const x of r.rows) {
    const pair = r.pairs.find((p) => p.id === x.pair);
    const npm = row(`${x.pair}-npm`);
    table.push([
      x.tool === 'ours' ? `${x.pair}: ${pair.from} -> ${pair.to.slice(pair.to.lastIndexOf('@') + 1)}` : '',
      x.label,
      x.median === null ? (x.timedOut ? `>${x.timeout} s` : x.skipped ? '-' : 'failed') : `${x.median.toFixed(3)} s`,
      x.min === null ? '-' : `${x.min.toFixed(3)}–${x.max.toFixed(3)}`,
      x.rssKB ? `${(x.rssKB / 1024).toFixed(0)} MB` : '-',
      x.tool === 'npm' ? (x.median ? 'reference' : '') : versusNpm(x, npm),
      x.warmup === null ? '-' : `${x.warmup.toFixed(1)} s`,
      x.timedOut ? `TIMEOUT ${x.error}` : x.error ? `ERROR ${x.error}` : x.skipped ? x.skipped : resultCell(x),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const out = [
    `chainwatch diff benchmark — node ${r.node}, npm ${r.npm ?? '-'}, ${r.cpus} CPUs, runs=${r.runs}, cli=${r.cli}`,
    `  private npm cache ${r.cache}, shared by both tools and filled by one untimed warm-up run of each command (its time is the warm-up column).`,
    '  Timed runs take the tarballs, and chainwatch the packuments of exact versions, from that cache: chainwatch makes no registry request.',
    '',
  ];
  for (const [i, line] of table.entries()) {
    out.push('  ' + line.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
    if (i === 0) out.push('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
  out.push('', '  Targets:');
  for (const x of r.targets) out.push(`    ${x.verdict.padEnd(4)}  ${x.target}${x.value === null ? '' : `  (${x.value.toFixed(3)} s)`}`);
  const reasons = r.rows.filter((x) => x.tool === 'ours' && x.summary?.reasons?.length);
  if (reasons.length) {
    out.push('', '  Reasons given:');
    for (const x of reasons) out.push(`    ${x.pair}: ${x.summary.verdict} — ${x.summary.reasons.join('; ')}`);
  }
  if (r.notes.length) out.push('', '  Notes:', ...r.notes.map((n) => `    - ${n}`));
  return out.join('\n') + '\n';
}

/** Ours against npm diff; an npm diff that timed out took at least its limit, so the ratio is a lower bound. */
function versusNpm(ours, npm) {
  const npmSeconds = npm?.median ?? (npm?.timedOut ? npm.timeout : null);
  if (!ours.median || !npmSeconds) return '';
  const prefix = npm.median === null ? '>=' : '';
  return npmSeconds >= ours.median ? `${prefix}${(npmSeconds / ours.median).toFixed(1)}x faster` : `${(ours.median / npmSeconds).toFixed(1)}x slower`;
}

/** What each command produced: our verdict and file counts, npm's diff size. */
function resultCell(x) {
  const s = x.summary;
  if (!s) return '';
  if (s.error) return s.error;
  if (x.tool === 'npm') return `${s.lines.toLocaleString('en-US')} lines of diff (${mb(s.bytes)}, ${s.files} files)`;
  const f = s.files;
  const sizes = s.unpacked.from !== null && s.unpacked.to !== null ? `, ${mb(s.unpacked.from)} -> ${mb(s.unpacked.to)} unpacked` : '';
  // elapsedMs is chainwatch's own clock: the gap to the wall time is Node startup, module loading and output.
  const own = s.elapsedMs === null ? '' : `, last run ${(s.elapsedMs / 1000).toFixed(1)} s by its own clock`;
  return `${s.verdict} (score ${s.score}), files +${f.added} -${f.removed} ~${f.changed}, ${s.findings} findings${sizes}${own}`;
}

/** Decimal units, as npm prints package sizes. */
function mb(bytes) {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Long absolute paths in the recorded command lines, relative to the repository. */
function shorten(arg) {
  return arg.startsWith(repoRoot) ? relative(repoRoot, arg) : arg;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const options = { runs: 3, timeout: 300, peers: true, pairs: PAIRS.map((p) => p.id), cli: defaultCli };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => { if (args[i + 1] === undefined) throw new Error(`${arg} needs a value`); return args[++i]; };
    if (arg === '--runs') options.runs = Math.max(1, Number(value()));
    else if (arg === '--timeout') options.timeout = Number(value());
    else if (arg === '--no-peers') options.peers = false;
    else if (arg === '--pairs') options.pairs = value().split(',');
    else if (arg === '--cli') options.cli = resolve(value());
    else throw new Error(`unknown option ${arg} (known: --runs, --timeout, --no-peers, --pairs, --cli)`);
  }
  const unknown = options.pairs.filter((p) => !PAIRS.some((x) => x.id === p));
  if (unknown.length) throw new Error(`unknown pair ${unknown.join(', ')}; known: ${PAIRS.map((p) => p.id).join(', ')}`);
  const result = await runDiffBench({ ...options, log: (m) => process.stderr.write(`[bench/diff] ${m}\n`) });
  process.stdout.write(formatDiffBench(result));
}
