// Parser benchmark for the detection engine:   node bench/parsers/run.mjs [--root <dir>] [--only a,b] [--runs 3] [--rounds 2]
// Installs the candidates pinned (below) into bench/.work/parsers (never into the repo's package.json,
// always --ignore-scripts: the native ones ship their binary as an optional dependency), collects a
// corpus (every .js/.mjs/.cjs under <root>/node_modules, its .ts/.tsx sources, this repo's src/**/*.ts,
// bench/parsers/samples/*), then times each parser in its own child process over the corpus held in
// memory (no I/O in the timing), fastest of runs x rounds. A second probe feeds each parser deeply
// nested input in a child process: a parser that overflows the native stack kills its host, which
// for a malware scanner is an attack. Progress to stderr, the table to stdout, everything to bench/.work/parsers/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAdapters } from './adapters.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const installDir = join(repoRoot, 'bench', '.work', 'parsers');
const log = (m) => process.stderr.write(`[parsers] ${m}\n`);

/** The candidates, pinned. `extra` are helpers installed beside them (JSX for acorn). */
export const CANDIDATES = {
  'oxc-parser': { version: '0.159.0' },
  '@swc/core': { version: '1.16.22' },
  meriyah: { version: '7.4.2' },
  acorn: { version: '8.19.0', extra: { 'acorn-jsx': '5.3.2' } },
  // 7.x: 8.x requires Node ^22.18 || >=24.11, and chainwatch runs on Node 20.
  '@babel/parser': { version: '7.29.15' },
};

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

function ensureInstalled() {
  const specs = [];
  for (const [name, c] of Object.entries(CANDIDATES)) {
    specs.push(`${name}@${c.version}`);
    for (const [x, v] of Object.entries(c.extra ?? {})) specs.push(`${x}@${v}`);
  }
  const installed = (spec) => {
    const at = spec.lastIndexOf('@');
    const pj = join(installDir, 'node_modules', spec.slice(0, at), 'package.json');
    return existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).version === spec.slice(at + 1);
  };
  if (specs.every(installed)) return;
  mkdirSync(installDir, { recursive: true });
  if (!existsSync(join(installDir, 'package.json'))) writeFileSync(join(installDir, 'package.json'), '{"name":"parser-bench","private":true}\n');
  log(`installing ${specs.join(' ')}`);
  const r = spawnSync('npm', ['install', '--prefix', installDir, '--ignore-scripts', '--save-exact', '--no-audit', '--no-fund', ...specs], {
    stdio: ['ignore', 2, 'inherit'], // npm's output to stderr: stdout is the table
  });
  if (r.status !== 0) throw new Error('npm install of the candidates failed');
}

/** Files under `dir` whose name passes `keep`, not following symlinks. */
function walk(dir, keep, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, keep, out);
    else if (e.isFile() && keep(e.name)) out.push(p);
  }
  return out;
}

function collectCorpus(root) {
  const nm = join(root, 'node_modules');
  const js = walk(nm, (n) => /\.(m|c)?js$/.test(n));
  const tsInNm = walk(nm, (n) => /\.(m|c)?tsx?$/.test(n) && !/\.d\.(m|c)?ts$/.test(n));
  const tsOwn = walk(join(repoRoot, 'src'), (n) => /\.tsx?$/.test(n));
  const samples = walk(join(here, 'samples'), () => true);
  // The five largest files, and every minified one (a line over 20,000 characters).
  const largest = js
    .map((p) => ({ p, size: statSync(p).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 5)
    .map((x) => x.p);
  const minified = js.filter((p) => statSync(p).size > 20_000 && readFileSync(p, 'utf8').split('\n').some((line) => line.length > 20_000));
  const big = [...new Set([...largest, ...minified])];
  return { js, ts: [...tsInNm, ...tsOwn, ...samples.filter((p) => /\.tsx?$/.test(p))], jsx: samples.filter((p) => /\.jsx$/.test(p)), big };
}

/** Worker mode: time one parser over the corpus in this process. */
async function worker(name, corpusFile, outFile) {
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
  const runs = Number(corpus.runs);
  const adapter = await (await loadAdapters(installDir))[name]();
  const result = {};
  for (const [set, paths] of Object.entries(corpus.sets)) {
    // A file that vanished since the corpus was listed (a concurrent npm install) is left out.
    const files = paths.flatMap((p) => (existsSync(p) ? [{ p, text: readFileSync(p, 'utf8') }] : []));
    const bytes = files.reduce((s, f) => s + f.text.length, 0);
    if (set !== 'js' && !adapter.supports[set === 'jsx' ? 'jsx' : set === 'ts' ? 'ts' : 'jsx'] && set !== 'big') {
      result[set] = { files: files.length, bytes, unsupported: true };
      continue;
    }
    const failures = [];
    const times = [];
    for (let run = 0; run < runs; run++) {
      const t0 = performance.now();
      for (const f of files) {
        try {
          adapter.parse(f.text, f.p);
        } catch (error) {
          if (run === 0) failures.push({ path: f.p, error: String(error?.message ?? error).split('\n')[0].slice(0, 200) });
        }
      }
      times.push(performance.now() - t0);
    }
    // The minimum: on a shared machine interference only ever adds time.
    const ms = Math.min(...times);
    result[set] = { files: files.length, bytes, ms, filesPerSec: (files.length / ms) * 1000, failures };
  }
  result.peakRssMb = process.resourceUsage().maxRSS / 1024;
  writeFileSync(outFile, JSON.stringify(result));
}

/** Probe mode: parse `shape` nested `depth` deep; the parent reads exit status and stdout. */
async function probe(name, shape, depth) {
  const adapter = await (await loadAdapters(installDir))[name]();
  const n = Number(depth);
  const text =
    shape === 'parens'
      ? `x = ${'('.repeat(n)}1${')'.repeat(n)};`
      : shape === 'arrays'
        ? `x = ${'['.repeat(n)}${']'.repeat(n)};`
        : shape === 'calls-hidden'
          ? // nesting a naive bracket counter cannot see: each level's ')' sits in a string
            `x = ${'(")"'.repeat(n)}${')'.repeat(n)};`
          : `x = ${'!'.repeat(n)}1;`;
  try {
    adapter.parse(text, 'probe.js');
    process.stdout.write('ok');
  } catch (error) {
    process.stdout.write(`error: ${String(error?.message ?? error).split('\n')[0].slice(0, 80)}`);
  }
}

function registryFacts(name, version) {
  const r = spawnSync('npm', ['view', `${name}@${version}`, 'time', 'dist.unpackedSize', 'license', '--json'], { encoding: 'utf8' });
  try {
    const j = JSON.parse(r.stdout);
    const time = j.time ?? {};
    const versions = Object.entries(time).filter(([k]) => k !== 'created' && k !== 'modified');
    const lastYear = versions.filter(([, t]) => Date.now() - Date.parse(t) < 365 * 864e5).length;
    const latest = versions.sort((a, b) => Date.parse(b[1]) - Date.parse(a[1]))[0];
    return { published: time[version]?.slice(0, 10), latest: latest?.[0], latestDate: latest?.[1]?.slice(0, 10), releasesLastYear: lastYear, license: j.license };
  } catch {
    return {};
  }
}

/** Bytes on disk of a package and everything it pulls in (as installed here, this platform only). */
function installSize(name) {
  const lock = JSON.parse(readFileSync(join(installDir, 'package-lock.json'), 'utf8')).packages;
  const seen = new Set();
  const visit = (pkg) => {
    const key = `node_modules/${pkg}`;
    if (seen.has(key) || !lock[key]) return;
    seen.add(key);
    for (const d of Object.keys({ ...lock[key].dependencies, ...lock[key].optionalDependencies })) visit(d);
  };
  visit(name);
  for (const x of Object.keys(CANDIDATES[name].extra ?? {})) visit(x);
  let total = 0;
  for (const key of seen) {
    const dir = join(installDir, key);
    if (existsSync(dir)) total += duBytes(dir);
  }
  return total;
}

function duBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') total += duBytes(p);
    } else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

async function main() {
  if (process.argv[2] === '--worker') return worker(process.argv[3], process.argv[4], process.argv[5]);
  if (process.argv[2] === '--probe') return probe(process.argv[3], process.argv[4], process.argv[5]);
  ensureInstalled();
  const root = resolve(arg('root', repoRoot));
  const only = arg('only', Object.keys(CANDIDATES).join(',')).split(',');
  const runs = arg('runs', '3');
  const rounds = Number(arg('rounds', '2'));
  const sets = collectCorpus(root);
  log(`corpus: ${sets.js.length} js, ${sets.ts.length} ts, ${sets.jsx.length} jsx, big: ${sets.big.map((p) => relative(root, p)).join(', ')}`);
  const corpusFile = join(installDir, 'corpus.json');
  writeFileSync(corpusFile, JSON.stringify({ runs, sets }));
  const results = {};
  // Rounds interleave the parsers (a b c, a b c) so a burst of load elsewhere does not land on one
  // parser only; each set keeps its fastest round.
  const timings = {};
  for (let round = 1; round <= rounds; round++) {
    for (const name of only) {
      log(`timing ${name} (round ${round}/${rounds})`);
      const outFile = join(installDir, `result-${name.replace('/', '_')}.json`);
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', name, corpusFile, outFile], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const t = r.status === 0 ? JSON.parse(readFileSync(outFile, 'utf8')) : { crashed: r.signal ?? r.status };
      const prev = timings[name];
      if (prev === undefined || prev.crashed) timings[name] = t;
      else if (!t.crashed)
        for (const [set, v] of Object.entries(t)) {
          if (typeof v === 'object' && v.ms !== undefined && v.ms < prev[set].ms) prev[set] = v;
          if (set === 'peakRssMb') prev.peakRssMb = Math.max(prev.peakRssMb, v);
        }
    }
  }
  for (const name of only) {
    const timing = timings[name];
    const nesting = {};
    for (const shape of ['parens', 'arrays', 'calls-hidden', 'unary']) {
      for (const depth of [1000, 10000, 100000]) {
        const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--probe', name, shape, String(depth)], { encoding: 'utf8', timeout: 60000 });
        nesting[`${shape}:${depth}`] = p.signal ? `crash (${p.signal})` : p.status !== 0 ? `exit ${p.status}` : p.stdout.startsWith('ok') ? 'ok' : 'error';
      }
    }
    const c = CANDIDATES[name];
    results[name] = { version: c.version, timing, nesting, registry: registryFacts(name, c.version), installBytes: installSize(name) };
  }
  writeFileSync(join(installDir, 'results.json'), JSON.stringify({ root, node: process.version, cpus: cpus().length, loadavg: loadavg(), corpus: { js: sets.js.length, ts: sets.ts.length, jsx: sets.jsx.length, big: sets.big }, results }, null, 2));
  log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  printTable(results);
}

function printTable(results) {
  const rows = [['parser', 'version', 'js ms', 'js files/s', 'js fail', 'big ms', 'ts ms', 'ts fail', 'jsx fail', 'rss MB', 'nesting 10k/100k', 'latest (date)', 'rel/yr', 'install']];
  const fmt = (x) => (x === undefined ? '-' : x.unsupported ? 'n/a' : x.ms.toFixed(0));
  const fails = (x) => (x === undefined ? '-' : x.unsupported ? 'n/a' : String(x.failures.length));
  for (const [name, r] of Object.entries(results)) {
    const t = r.timing;
    const worst = (d) =>
      Object.entries(r.nesting)
        .filter(([k]) => k.endsWith(`:${d}`))
        .map(([, v]) => v)
        .sort((a, b) => (b.startsWith('crash') ? 1 : 0) - (a.startsWith('crash') ? 1 : 0))[0];
    rows.push([
      name,
      r.version,
      fmt(t.js),
      t.js ? t.js.filesPerSec.toFixed(0) : '-',
      fails(t.js),
      fmt(t.big),
      fmt(t.ts),
      fails(t.ts),
      fails(t.jsx),
      t.peakRssMb === undefined ? '-' : t.peakRssMb.toFixed(0),
      `${worst(10000)}/${worst(100000)}`,
      `${r.registry.latest ?? '?'} (${r.registry.latestDate ?? '?'})`,
      String(r.registry.releasesLastYear ?? '?'),
      `${(r.installBytes / 1048576).toFixed(1)} MB`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
  for (const [name, r] of Object.entries(results)) {
    for (const set of ['js', 'ts', 'jsx', 'big']) {
      const f = r.timing[set]?.failures ?? [];
      if (f.length > 0) process.stdout.write(`${name} ${set} failures (${f.length}): ${f.slice(0, 3).map((x) => `${relative(repoRoot, x.path)}: ${x.error}`).join(' | ')}\n`);
    }
  }
  process.stdout.write(`nesting probes: ${JSON.stringify(Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.nesting])))}\n`);
}

await main();
