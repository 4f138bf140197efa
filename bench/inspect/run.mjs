// chainwatch `inspect` benchmark:   node bench/inspect/run.mjs [--runs 3] [--timeout 300] [--no-peers]
//                                                              [--cli dist/bundle/main.js] [--text-rule ioc-signature]
// Times whole processes over a real node_modules of 1,000+ packages (installed once with
// `npm install --ignore-scripts` from scripts/fixtures/projects/large/package.json, see setup.mjs):
// - chainwatch cold full analysis: `inspect <node_modules> --no-cache --format json`
// - chainwatch warm: the same without --no-cache, after one run filled a bench-private cache
//   (XDG_CACHE_HOME=bench/.work/inspect/cache)
// - chainwatch text layer only: `inspect <node_modules> --no-cache --rules ioc-signature --format json`
// - ripgrep, the I/O floor: `rg -uuu -F -f ioc-strings.txt -c <node_modules>` (as peers.md ran it)
// - the single-threaded Node floor: bench/inspect/readall.mjs (walk + readFileSync of every file)
// - retire.js, the peer: `retire --path <node_modules> --jsrepo <local repo> --outputformat json ...`
// The two sides of each target take turns, run by run (rg and the text layer; cold and retire), so
// both see the same drift of a shared machine. Wall = median of --runs, peak RSS = max over runs (bench/rss-probe.mjs for Node processes,
// /usr/bin/time for rg). A failing command does not stop the benchmark: its row shows the error.
// Progress goes to stderr, the table to stdout, every figure to bench/.work/inspect/results.json.
// Also importable: `runInspectBench({ runs, timeout, peers, cli, textRule, log })` and `formatInspectBench(result)`.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, ensureRetire, findRipgrep, firstLine, repoRoot, workDir, writeIocStrings } from './setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const probe = join(here, '..', 'rss-probe.mjs');
const readall = join(here, 'readall.mjs');
const defaultCli = join(repoRoot, 'dist', 'bundle', 'main.js');
const retireRepo = resolve(repoRoot, '..', 'shared', 'data', 'retire', 'jsrepository-v5.json');
const gnuTime = '/usr/bin/time';
const cacheHome = join(workDir, 'cache');
const outDir = join(workDir, 'out');
/** Issue 4's targets. */
const TEXT_VS_RG = 3;
const WARM_SECONDS = 2;
/** How many flagged packages the table lists (results.json keeps them all). */
const LIST_LIMIT = 40;

export async function runInspectBench({ runs = 3, timeout = 300, peers = true, cli = defaultCli, textRule = 'ioc-signature', log = () => {} } = {}) {
  mkdirSync(outDir, { recursive: true });
  const notes = [];
  const busy = () => (loadavg()[0] > cpus().length ? `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs` : null);
  if (busy()) notes.push(`machine busy at the start: ${busy()}; timings are inflated`);
  const tree = ensureNodeModules(log);
  const nm = tree.dir;
  log(`node_modules: ${tree.packages} packages, ${tree.files} files, ${mb(tree.bytes)}`);
  const ioc = writeIocStrings();
  if (!ioc.source.startsWith('data/ioc')) notes.push(`IOC strings for rg: ${ioc.source}`);
  const rg = findRipgrep();
  const retire = peers ? ensureRetire(log) : { skipped: 'not run (--no-peers)' };
  if (peers && !retire.error && !existsSync(retireRepo)) retire.error = `${retireRepo} not found (retire cannot download its repository here)`;

  // Bring the tree into the page cache, as hyperfine's warm-up did for peers.md: every row reads it warm.
  spawnSync(process.execPath, [readall, nm], { stdio: 'ignore' });

  // Exit 1 means "malicious packages found" only when a whole report came out; a crash exits 1 too.
  const chainwatch = (...args) => (existsSync(cli)
    ? { node: true, argv: [cli, 'inspect', nm, ...args, '--format', 'json'], okCodes: [0, 1], check: (status, out) => (status === 1 && !isJsonFile(out) ? 'exit 1 without a JSON report' : null) }
    : { error: `${cli} does not exist: run \`npm run build\` first` });
  const cmds = {
    rg: rg.error ? { error: rg.error } : { node: false, argv: [rg.bin, '-uuu', '-F', '-f', ioc.file, '-c', nm], okCodes: [0, 1] },
    readall: { node: true, argv: [readall, nm], okCodes: [0] },
    text: chainwatch('--no-cache', '--rules', textRule),
    cold: chainwatch('--no-cache'),
    warm: chainwatch(),
    retire: retire.error || retire.skipped ? { error: retire.error, skipped: retire.skipped } : {
      node: true,
      argv: [retire.bin, '--path', nm, '--jsrepo', retireRepo, '--cachedir', join(workDir, 'retire-cache'), '--outputformat', 'json', '--outputpath', join(outDir, 'retire.json')],
      okCodes: [0, 13], // 13: vulnerable files found
    },
  };
  const ctx = { runs, timeout, log };
  // Each target's two sides take turns (measureTogether): text layer with rg, cold with retire.
  const [rgRow, readallRow, textRow] = measureTogether(
    [
      { id: 'rg', label: `ripgrep ${rg.version ?? ''} -uuu -F -f (${ioc.count} IOC strings)`.replace('  ', ' '), ...cmds.rg },
      { id: 'readall', label: 'node: walk + readFileSync (1 thread)', ...cmds.readall },
      { id: 'text', label: `chainwatch text layer (--rules ${textRule})`, ...cmds.text },
    ],
    ctx,
  );
  const [coldRow, retireRow] = measureTogether(
    [
      { id: 'cold', label: 'chainwatch cold (--no-cache)', ...cmds.cold },
      { id: 'retire', label: `retire ${retire.version ?? ''} --path --jsrepo (local)`.replace('  ', ' '), ...cmds.retire },
    ],
    ctx,
  );
  const rows = [rgRow, readallRow, textRow, coldRow];
  // Warm: an empty private cache, one run to fill it (recorded), then the timed runs that reuse it.
  rmSync(cacheHome, { recursive: true, force: true });
  const fill = measure({ id: 'fill', label: 'chainwatch filling the cache', ...cmds.warm }, { ...ctx, runs: 1 });
  rows.push(fill);
  rows.push(fill.error ? { ...fill, id: 'warm', label: 'chainwatch warm (cached)', error: `not run: filling the cache failed` } : measure({ id: 'warm', label: 'chainwatch warm (cached)', ...cmds.warm }, ctx));
  rows.push(retireRow);

  const row = (id) => rows.find((r) => r.id === id);
  const findings = {
    rg: summarizeRg(row('rg')),
    text: summarizeInspect(row('text')),
    cold: summarizeInspect(row('cold')),
    warm: summarizeInspect(row('warm')),
    retire: summarizeRetire(row('retire')),
  };
  if (findings.warm?.summary && findings.warm.summary.cached !== findings.warm.summary.packages) {
    notes.push(`warm run took ${findings.warm.summary.cached} of ${findings.warm.summary.packages} packages from the cache`);
  }
  // A full rule set always says something about 1,000+ real packages (info findings at least).
  if (findings.cold?.summary && findings.cold.findings === 0) notes.push(`the cold run reported no findings at all on ${findings.cold.summary.packages} packages: are the rules registered (src/analysis/rules/index.ts)?`);
  if (findings.cold?.summary?.malicious) notes.push(`a real, benign tree should have 0 malicious packages; cold found ${findings.cold.summary.malicious}`);
  if (busy()) notes.push(`machine busy at the end: ${busy()}; timings are inflated`);

  const ratio = (a, b) => (row(a)?.median && row(b)?.median ? row(a).median / row(b).median : null);
  const textVsRg = ratio('text', 'rg');
  // A retire that timed out still bounds the ratio from below: it took at least --timeout seconds.
  const retireSeconds = row('retire')?.median ?? (row('retire')?.timedOut ? timeout : null);
  const retireVsCold = retireSeconds && row('cold')?.median ? retireSeconds / row('cold').median : null;
  const warm = row('warm')?.median ?? null;
  const verdict = (value, pass) => (value === null ? 'SKIP' : pass(value) ? 'PASS' : 'FAIL');
  const targets = [
    { target: `text layer within ${TEXT_VS_RG}x of ripgrep`, verdict: verdict(textVsRg, (v) => v <= TEXT_VS_RG), value: textVsRg, unit: 'x rg' },
    { target: 'full cold analysis faster than retire.js', verdict: verdict(retireVsCold, (v) => v > 1), value: retireVsCold, unit: 'x faster' },
    { target: `warm re-scan under ${WARM_SECONDS} s`, verdict: verdict(warm, (v) => v < WARM_SECONDS), value: warm, unit: 's' },
  ];
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    runs,
    cli: relative(repoRoot, cli),
    tree: { ...tree, dir: relative(repoRoot, nm) },
    ioc: { count: ioc.count, source: ioc.source, file: relative(repoRoot, ioc.file) },
    rows,
    findings,
    targets,
    notes,
  };
  writeFileSync(join(workDir, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}

/**
 * `runs` timed runs of one command, stdout to a file (kept for the summaries), stderr captured
 * for the error line. An exit code outside okCodes or a timeout ends the series with `error` set.
 */
/**
 * Times each spec `runs` times, the specs taking turns (a, b, a, b, …): the machine's speed drifts
 * by 10-30 % over minutes on a shared host, and a ratio of two rows measured side by side is only
 * fair when both saw the same drift. A spec that fails stops its own runs, not the others'.
 */
function measureTogether(specs, { runs, timeout, log }) {
  const rows = specs.map((spec) => ({ spec, row: { id: spec.id, label: spec.label, command: spec.argv ? [spec.node ? 'node' : '', ...spec.argv].filter(Boolean).map(shorten).join(' ') : null, runs: [], exitCodes: [], rssKB: null, error: spec.error ?? null, skipped: spec.skipped ?? null } }));
  for (const { row } of rows) if (row.error || row.skipped) log(`${row.id}: ${row.error ?? row.skipped}`);
  for (let run = 0; run < runs; run++) {
    for (const { spec, row } of rows) if (!row.error && !row.skipped) runOnce(spec, row, run, { runs, timeout, log });
  }
  return rows.map(({ row }) => finish(row));
}

function measure(spec, ctx) {
  return measureTogether([spec], ctx)[0];
}

function runOnce(spec, row, run, { runs, timeout, log }) {
  const rssFile = join(workDir, 'rss.txt');
  const stdoutFile = join(outDir, `${spec.id}.out`);
  row.stdoutFile = stdoutFile;
  const useTime = !spec.node && existsSync(gnuTime);
  rmSync(rssFile, { force: true });
  const fd = openSync(stdoutFile, 'w');
  const [bin, args] = spec.node ? [process.execPath, ['--import', probe, ...spec.argv]] : useTime ? [gnuTime, ['-f', '%M', '-o', rssFile, ...spec.argv]] : [spec.argv[0], spec.argv.slice(1)];
  const started = process.hrtime.bigint();
  let r;
  try {
    r = spawnSync(bin, args, {
      cwd: repoRoot,
      stdio: ['ignore', fd, 'pipe'],
      timeout: timeout * 1000,
      maxBuffer: 64 << 20,
      env: { ...process.env, CHAINWATCH_BENCH_RSS_FILE: rssFile, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1' },
    });
  } finally {
    closeSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error?.code === 'ETIMEDOUT' || r.signal) {
    row.timedOut = true;
    row.timeout = timeout;
    row.error = `timed out after ${timeout} s`;
    log(`${spec.id}: ${row.error}`);
    return;
  }
  if (r.error) {
    row.error = r.error.message;
    return;
  }
  const problem = !spec.okCodes.includes(r.status) ? `exit ${r.status}` : spec.check?.(r.status, stdoutFile);
  if (problem) {
    row.error = `${problem}: ${firstLine(r.stderr) || firstLine(readFileSync(stdoutFile, 'utf8'))}`;
    log(`${spec.id}: ${row.error}`);
    row.runs = [];
    return;
  }
  row.runs.push(seconds);
  row.exitCodes.push(r.status);
  if (existsSync(rssFile)) {
    const values = readFileSync(rssFile, 'utf8').split('\n').filter((l) => /^\d+$/.test(l.trim())).map(Number);
    if (values.length) row.rssKB = Math.max(row.rssKB ?? 0, ...values);
  }
  log(`${spec.id} run ${run + 1}/${runs}: ${seconds.toFixed(3)} s, exit ${r.status}`);
}

function finish(row) {
  const sorted = [...row.runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  row.median = !sorted.length ? null : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  row.min = sorted[0] ?? null;
  row.max = sorted.at(-1) ?? null;
  return row;
}

function isJsonFile(file) {
  try {
    JSON.parse(readFileSync(file, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** `rg -c` prints `path:count` per file with a hit: files and hits, and the 10 files with most. */
function summarizeRg(row) {
  if (!row?.runs.length) return null;
  const lines = readFileSync(row.stdoutFile, 'utf8').split('\n').filter(Boolean);
  const files = lines.map((l) => ({ file: relative(workDir, l.slice(0, l.lastIndexOf(':'))), hits: Number(l.slice(l.lastIndexOf(':') + 1)) }));
  return { files: files.length, hits: files.reduce((n, f) => n + f.hits, 0), top: files.sort((a, b) => b.hits - a.hits).slice(0, 10) };
}

/** Verdict counts, flagged packages (with their reasons) and findings per rule from one run's JSON. */
function summarizeInspect(row) {
  if (!row?.runs.length) return null;
  let report;
  try {
    report = JSON.parse(readFileSync(row.stdoutFile, 'utf8'));
  } catch (error) {
    return { error: `output is not JSON: ${error.message.slice(0, 120)}` };
  }
  const packages = Array.isArray(report.packages) ? report.packages : [];
  const count = (v) => packages.filter((p) => p.verdict === v).length;
  const summary = { packages: packages.length, malicious: count('malicious'), suspicious: count('suspicious'), clean: count('clean'), ...(report.summary ?? {}) };
  const byRule = {};
  for (const p of packages) for (const f of p.findings ?? []) {
    const key = `${f.rule}/${f.severity}`;
    byRule[key] = (byRule[key] ?? 0) + 1;
  }
  const flagged = packages
    .filter((p) => p.verdict === 'malicious' || p.verdict === 'suspicious')
    .sort((a, b) => (a.verdict === b.verdict ? (a.path < b.path ? -1 : 1) : a.verdict === 'malicious' ? -1 : 1))
    .map((p) => ({ name: p.name, version: p.version, path: p.path, verdict: p.verdict, reasons: p.reasons ?? [], rules: [...new Set((p.findings ?? []).filter((f) => f.severity !== 'info').map((f) => f.rule))] }));
  return { summary, findings: packages.reduce((n, p) => n + (p.findings?.length ?? 0), 0), byRule, flagged };
}

/** retire's JSON: how many files it reported and with how many vulnerabilities. */
function summarizeRetire(row) {
  if (!row?.runs.length) return null;
  try {
    const data = JSON.parse(readFileSync(join(outDir, 'retire.json'), 'utf8'));
    const entries = Array.isArray(data) ? data : data.data ?? [];
    const vulnerable = entries.filter((e) => (e.results ?? []).some((r) => r.vulnerabilities?.length));
    return { files: vulnerable.length, list: vulnerable.map((e) => relative(workDir, e.file ?? '')).slice(0, 10) };
  } catch (error) {
    return { error: `retire.json unreadable: ${error.message.slice(0, 120)}` };
  }
}

export function formatInspectBench(r) {
  const row = (id) => r.rows.find((x) => x.id === id);
  const rg = row('rg');
  const retire = row('retire');
  const header = ['measurement', 'median', 'min–max', 'peak RSS', 'vs rg', 'vs retire', 'notes'];
  const table = [header];
  for (const x of r.rows) {
    const note = x.error ? `ERROR ${x.error}` : x.skipped ? x.skipped : x.id === 'fill' ? '1 run, not a target' : rowNote(x.id, r.findings);
    table.push([
      x.label,
      x.median === null ? (x.timedOut ? `>${x.timeout} s` : x.skipped ? '-' : 'failed') : `${x.median.toFixed(3)} s`,
      x.min === null ? '-' : `${x.min.toFixed(3)}–${x.max.toFixed(3)}`,
      x.rssKB ? `${(x.rssKB / 1024).toFixed(0)} MB` : '-',
      x.median && rg?.median ? (x.id === 'rg' ? 'floor' : `${(x.median / rg.median).toFixed(1)}x`) : '',
      x.median && retire?.median ? (x.id === 'retire' ? 'peer' : retire.median >= x.median ? `${(retire.median / x.median).toFixed(1)}x faster` : `${(x.median / retire.median).toFixed(1)}x slower`) : '',
      note,
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const t = r.tree;
  const out = [
    `chainwatch inspect benchmark — node ${r.node}, ${r.cpus} CPUs, runs=${r.runs}, cli=${r.cli}`,
    `  ${t.dir}: ${t.packages.toLocaleString('en-US')} packages, ${t.files.toLocaleString('en-US')} files, ${mb(t.bytes)} (${t.jsFiles.toLocaleString('en-US')} .js/.cjs/.mjs files, ${mb(t.jsBytes)}); ${r.ioc.count} IOC strings from ${r.ioc.source}`,
    '',
  ];
  for (const [i, line] of table.entries()) {
    out.push('  ' + line.map((cell, c) => (c >= 1 && c <= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
    if (i === 0) out.push('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
  out.push('', '  Targets:');
  for (const x of r.targets) out.push(`    ${x.verdict.padEnd(4)}  ${x.target}${x.value === null ? '' : `  (${x.unit === 's' ? `${x.value.toFixed(3)} s` : `${x.value.toFixed(2)}${x.unit}`})`}`);
  const cold = r.findings.cold;
  if (cold?.summary) {
    const s = cold.summary;
    out.push('', `  Verdicts (cold, all rules): ${s.malicious} malicious, ${s.suspicious} suspicious, ${s.clean} clean of ${s.packages} packages; ${cold.findings} findings`);
    const rules = Object.entries(cold.byRule).sort((a, b) => b[1] - a[1]);
    if (rules.length) out.push(`  Findings by rule/severity: ${rules.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const p of cold.flagged.slice(0, LIST_LIMIT)) {
      out.push(`    ${p.verdict.padEnd(10)} ${p.name}@${p.version}  ${p.path}${p.rules.length ? `  [${p.rules.join(', ')}]` : ''}${p.reasons.length ? `  because ${p.reasons.join('; ')}` : ''}`);
    }
    if (cold.flagged.length > LIST_LIMIT) out.push(`    … ${cold.flagged.length - LIST_LIMIT} more in bench/.work/inspect/results.json`);
  } else if (cold?.error) {
    out.push('', `  Verdicts: ${cold.error}`);
  }
  if (r.notes.length) out.push('', '  Notes:', ...r.notes.map((n) => `    - ${n}`));
  return out.join('\n') + '\n';
}

/** The notes cell: what each command found, so the rows can be compared for work done, not only time. */
function rowNote(id, findings) {
  const f = findings[id];
  if (id === 'rg') return f ? `${f.files} files with hits, ${f.hits} hits` : '';
  if (id === 'readall') return 'single-thread Node floor';
  if (id === 'retire') return f?.error ?? (f ? `${f.files} vulnerable files` : '');
  if (!f) return '';
  if (f.error) return f.error;
  const s = f.summary;
  return `${s.malicious} malicious, ${s.suspicious} suspicious, ${f.findings} findings${id === 'warm' && s.cached !== undefined ? `, ${s.cached} cached` : ''}`;
}

function mb(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** Long absolute paths in the recorded command lines, relative to the repository. */
function shorten(arg) {
  return arg.startsWith(repoRoot) ? relative(repoRoot, arg) : arg === process.execPath ? 'node' : arg;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const options = { runs: 3, timeout: 300, peers: true, cli: defaultCli, textRule: 'ioc-signature' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => { if (args[i + 1] === undefined) throw new Error(`${arg} needs a value`); return args[++i]; };
    if (arg === '--runs') options.runs = Math.max(1, Number(value()));
    else if (arg === '--timeout') options.timeout = Number(value());
    else if (arg === '--no-peers') options.peers = false;
    else if (arg === '--cli') options.cli = resolve(value());
    else if (arg === '--text-rule') options.textRule = value();
    else throw new Error(`unknown option ${arg} (known: --runs, --timeout, --no-peers, --cli, --text-rule)`);
  }
  const result = await runInspectBench({ ...options, log: (m) => process.stderr.write(`[bench/inspect] ${m}\n`) });
  process.stdout.write(formatInspectBench(result));
}
