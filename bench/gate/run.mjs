// chainwatch install-gate benchmark:   node bench/gate/run.mjs [--duration 6] [--latency-duration 3]
//                                                           [--connections 16] [--no-install] [--cli dist/bundle/main.js]
// Issue 6, "Speed": what the registry proxy costs.
// 1. Request rate and latency of packument and tarball requests straight to a local upstream registry
//    (bench/gate/upstream.mjs, its own process: one package of 150 versions and its ~20 KB tarballs)
//    and through `chainwatch proxy` in front of that same upstream, in the same run, with wrk
//    (Debian's `wrk`; installed with apt-get when missing and possible). Three requests: the
//    abbreviated packument npm install asks for, the full packument, and the newest version's
//    tarball at the URL the proxy's packument gives. Each is measured with 16 connections (request
//    rate, latency under load) and with one connection (the latency one client sees, which is what
//    "added latency" means), after a one-request warm-up of the proxy's cache and a 1 s wrk warm-up.
// 2. A real `npm install --ignore-scripts` of bench/gate/project (16 well-known direct dependencies,
//    about 525 packages) straight and through `chainwatch guard`, each with a fresh empty npm cache and
//    no lockfile, from the registry of the machine's npm configuration (skipped when `npm ping` fails).
// Targets (PASS/FAIL/SKIP): added p50 latency under 2 ms for cached packuments; proxy request rate at
// least 70% of direct, for packuments and for tarballs. Progress goes to stderr, the table to stdout,
// every figure to bench/.work/gate/results.json and, under the `gate` key, bench/.work/results.json.
// Also importable: `runGateBench({ duration, latencyDuration, connections, install, cli, log })` and
// `formatGateBench(result)`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { firstLine } from '../inspect/setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const benchWork = join(here, '..', '.work');
const workDir = join(benchWork, 'gate');
const defaultCli = join(repoRoot, 'dist', 'bundle', 'main.js');
const upstreamScript = join(here, 'upstream.mjs');
const wrkScript = join(here, 'wrk-report.lua');
const projectTemplate = join(here, 'project');
/** What npm sends for the packuments it installs from (pacote's corgi Accept header). */
const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
/** Issue 6's targets. */
const ADDED_P50_MS = 2;
const MIN_RATE_RATIO = 0.7;
const KINDS = [
  { id: 'abbreviated', label: 'packument (abbreviated)', accept: ABBREVIATED_ACCEPT, packument: true },
  { id: 'full', label: 'packument (full)', accept: 'application/json', packument: true },
  { id: 'tarball', label: 'tarball', accept: '*/*', packument: false },
];
const INSTALL_FLAGS = ['install', '--ignore-scripts', '--no-audit', '--no-fund'];

export async function runGateBench({ duration = 6, latencyDuration = 3, connections = 16, install = true, cli = defaultCli, log = () => {} } = {}) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const notes = [];
  const busy = () => (loadavg()[0] > cpus().length ? `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs` : null);
  if (busy()) notes.push(`machine busy at the start: ${busy()}; figures are inflated and noisy`);
  const wrk = ensureWrk(log);
  const proxyCommand = hasCommand(cli, 'proxy');
  const guardCommand = hasCommand(cli, 'guard');

  const upstream = await startUpstream();
  log(`upstream on ${upstream.origin}: ${upstream.info.name}, ${upstream.info.versions} versions, full ${kb(upstream.info.sizes.full)}, abbreviated ${kb(upstream.info.sizes.abbreviated)}, tarball ${kb(upstream.info.sizes.tarball)}`);
  let proxy = null;
  const rows = [];
  try {
    proxy = proxyCommand.ok ? await startProxy(cli, upstream, log).catch((error) => ({ error: `not measured: ${error.message}` })) : { error: proxyCommand.error };
    if (proxy.error) log(`proxy: ${proxy.error}`);
    // Worth a note, not a stop: the rows still show whether requests work.
    if (proxy.healthz !== undefined && proxy.healthz !== 200) notes.push(`proxy: GET /healthz answered ${proxy.healthz}`);
    const urls = await resolveUrls(upstream, proxy, notes, log);
    for (const kind of KINDS) {
      const targets = [{ path: 'direct', url: urls.direct[kind.id] }, { path: 'proxy', url: urls.proxy[kind.id], error: urls.proxyError[kind.id] }];
      const row = Object.fromEntries(targets.map((t) => [t.path, { kind: kind.id, label: kind.label, path: t.path, url: t.url ?? null, error: t.error ?? (wrk.error ? `not measured: ${wrk.error}` : null), load: null, single: null }]));
      if (!wrk.error) {
        // Warm-up (JIT, connections, caches): 1 s each, not recorded; a failure shows in the measured runs.
        for (const t of targets.filter((x) => !row[x.path].error)) await runWrk(wrk.bin, { url: t.url, accept: kind.accept, connections, duration: 1 }).catch(() => null);
        for (const [mode, c, d] of [['load', connections, duration], ['single', 1, latencyDuration]]) {
          for (const t of targets.filter((x) => !row[x.path].error)) {
            try {
              const figures = await runWrk(wrk.bin, { url: t.url, accept: kind.accept, connections: c, duration: d });
              row[t.path][mode] = figures;
              log(`${kind.id} ${t.path} -c${c} -d${d}s: ${Math.round(figures.rps)} req/s, p50 ${ms(figures.p50Ms)}, p99 ${ms(figures.p99Ms)}${figures.failed ? `, ${figures.failed} failed requests` : ''}`);
              if (figures.failed) notes.push(`${kind.label} ${t.path} -c${c}: ${figures.failed} of ${figures.requests} requests failed or were not 2xx/3xx (${JSON.stringify(figures.errors)})`);
            } catch (error) {
              row[t.path].error = error.message;
              log(`${kind.id} ${t.path}: ${error.message}`);
            }
          }
        }
      }
      rows.push(row.direct, row.proxy);
    }
  } finally {
    if (proxy?.child) Object.assign(proxy, await stopProxy(proxy, notes, log));
    upstream.child.kill('SIGTERM');
  }
  if (busy()) notes.push(`machine busy after the request rows: ${busy()}; figures are inflated and noisy`);

  const npmInstall = install ? runInstalls(cli, guardCommand, notes, log) : { skipped: 'not run (--no-install)' };

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    wrk: wrk.version ?? null,
    cpus: cpus().length,
    loadavgAtEnd: loadavg(),
    options: { duration, latencyDuration, connections, install, cli: relative(repoRoot, cli) },
    upstream: upstream.info,
    proxy: proxy ? { error: proxy.error ?? null, peakRssKB: proxy.peakRssKB ?? null, exit: proxy.exit ?? null, stopMs: proxy.stopMs ?? null, log: proxy.stderrFile ? relative(repoRoot, proxy.stderrFile) : null } : null,
    rows,
    targets: evaluateTargets(rows),
    npmInstall,
    notes,
  };
  writeFileSync(join(workDir, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  mergeIntoBenchResults(result);
  return result;
}

/** wrk from PATH, or from apt-get when this user may run it; otherwise an error naming the fix. */
function ensureWrk(log) {
  const found = () => spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).stdout.trim();
  let bin = found();
  if (!bin) {
    const canApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).stdout.trim() && process.getuid?.() === 0;
    if (!canApt) return { error: 'wrk not found on PATH and apt-get is not available to this user: install wrk (Debian: apt-get install -y wrk)' };
    log('wrk not found: installing it with `apt-get install -y wrk`');
    const r = spawnSync('apt-get', ['install', '-y', 'wrk'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 });
    bin = found();
    if (!bin) return { error: `wrk not found and \`apt-get install -y wrk\` failed: ${firstLine(r.stderr) || `exit ${r.status}`}` };
  }
  // `wrk --version` prints its banner and exits 1.
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.match(/^wrk (\S+)/)?.[1] ?? null;
  return { bin, version };
}

/** Whether this build has the command yet: its own help names it (an unknown command prints the top-level help). */
function hasCommand(cli, name) {
  if (!existsSync(cli)) return { ok: false, error: `not measured: ${relative(repoRoot, cli)} missing (run \`npm run build\`)` };
  const r = spawnSync(process.execPath, [cli, name, '--help'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && r.stdout.includes(`chainwatch ${name}`) ? { ok: true } : { ok: false, error: `not measured: ${name} command missing` };
}

/** The upstream in its own process; its first stdout line says where it listens and what it serves. */
async function startUpstream() {
  const child = spawn(process.execPath, [upstreamScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await firstStdoutLine(child, 30_000);
  const info = JSON.parse(line);
  return { child, info, origin: `http://127.0.0.1:${info.port}` };
}

function firstStdoutLine(child, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`upstream did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.on('exit', (code) => reject(new Error(`upstream exited (${code}) before it was ready`)));
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (!text.includes('\n')) return;
      clearTimeout(timer);
      resolvePromise(text.slice(0, text.indexOf('\n')));
    });
  });
}

/**
 * `chainwatch proxy --port 0` with the upstream as its registry and nothing of the user's npm or
 * chainwatch configuration (a private HOME, empty npmrc files, private XDG directories). stderr goes
 * to a file, polled for the "listening on" line, so that a chatty proxy never waits on a pipe this
 * process is not draining while wrk runs.
 */
async function startProxy(cli, upstream, log) {
  const home = join(workDir, 'proxy-home');
  mkdirSync(home, { recursive: true });
  // Two files: @npmcli/config refuses to load one file as both the user and the global config.
  const [userRc, globalRc] = [join(home, '.npmrc'), join(home, 'global-npmrc')];
  for (const file of [userRc, globalRc]) writeFileSync(file, '');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) && !/^(https?_proxy|no_proxy)$/i.test(k)));
  Object.assign(env, {
    HOME: home,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    npm_config_userconfig: userRc,
    npm_config_globalconfig: globalRc,
    npm_config_registry: `${upstream.origin}/`,
    npm_config_noproxy: '127.0.0.1',
    NO_COLOR: '1',
  });
  const stderrFile = join(workDir, 'proxy.stderr.log');
  const fd = openSync(stderrFile, 'w');
  const child = spawn(process.execPath, [cli, 'proxy', '--port', '0'], { cwd: home, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    const text = readFileSync(stderrFile, 'utf8');
    const origin = text.match(/chainwatch proxy listening on (http:\/\/127\.0\.0\.1:\d+)\/?/)?.[1];
    if (origin) {
      const health = await get(`${origin}/healthz`).catch((error) => ({ status: error.message }));
      log(`proxy on ${origin} (ready after ${Date.now() - started} ms, /healthz ${health.status})`);
      return { child, origin, stderrFile, exited: () => exited, healthz: health.status };
    }
    if (exited) throw new Error(`proxy exited (${exited.code ?? exited.signal}) before listening: ${firstLine(text) || '(no output)'}`);
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`proxy printed no "chainwatch proxy listening on" line within 30 s (see ${relative(repoRoot, stderrFile)})`);
}

/** SIGTERM, then how long it took to exit and with what; its peak RSS from /proc before that. */
async function stopProxy(proxy, notes, log) {
  const status = readProcStatus(proxy.child.pid);
  const peakRssKB = Number(status.match(/^VmHWM:\s+(\d+) kB/m)?.[1]) || null;
  const started = Date.now();
  if (!proxy.exited()) proxy.child.kill('SIGTERM');
  while (!proxy.exited() && Date.now() - started < 5000) await sleep(20);
  const exited = proxy.exited();
  if (!exited) {
    proxy.child.kill('SIGKILL');
    notes.push('proxy did not exit within 5 s of SIGTERM (killed)');
    return { peakRssKB, exit: null, stopMs: null };
  }
  const stopMs = Date.now() - started;
  if (exited.code !== 0 && exited.signal !== 'SIGTERM') notes.push(`proxy exited with ${exited.code ?? exited.signal} on SIGTERM: ${firstLine(readFileSync(proxy.stderrFile, 'utf8'))}`);
  log(`proxy stopped in ${stopMs} ms (${exited.code ?? exited.signal}), peak RSS ${peakRssKB ? `${Math.round(peakRssKB / 1024)} MB` : 'unknown'}`);
  return { peakRssKB, exit: exited.code ?? exited.signal, stopMs };
}

function readProcStatus(pid) {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The URLs each row measures, checked with one request each (which also warms the proxy's cache):
 * both packument forms answer 200 with every version; the proxy's packument points the newest
 * version's tarball at the proxy; that tarball matches the upstream's integrity.
 */
async function resolveUrls(upstream, proxy, notes, log) {
  const { name, latest, tarballPath, versions } = upstream.info;
  const direct = { abbreviated: `${upstream.origin}/${name}`, full: `${upstream.origin}/${name}`, tarball: `${upstream.origin}${tarballPath}` };
  for (const kind of KINDS) {
    const r = await get(direct[kind.id], kind.accept);
    if (r.status !== 200) throw new Error(`upstream answered ${r.status} for ${direct[kind.id]}`);
  }
  const out = { direct, proxy: {}, proxyError: {} };
  if (!proxy.origin) {
    for (const kind of KINDS) out.proxyError[kind.id] = proxy.error;
    return out;
  }
  const integrity = JSON.parse((await get(direct.full, 'application/json')).body).versions[latest].dist.integrity;
  out.proxy.abbreviated = `${proxy.origin}/${name}`;
  out.proxy.full = `${proxy.origin}/${name}`;
  for (const kind of KINDS.filter((k) => k.packument)) {
    const r = await get(out.proxy[kind.id], kind.accept);
    const problem = r.status !== 200 ? `proxy answered ${r.status}: ${r.body.toString('utf8').slice(0, 200)}` : null;
    if (problem) { out.proxyError[kind.id] = problem; continue; }
    let doc;
    try {
      doc = JSON.parse(r.body);
    } catch {
      out.proxyError[kind.id] = `proxy answered 200 with a body that is not JSON (${r.headers['content-type']})`;
      continue;
    }
    const kept = Object.keys(doc.versions ?? {}).length;
    if (kept !== versions) notes.push(`the proxy's ${kind.label} lists ${kept} of ${versions} versions: the default policy should allow them all (all older than 30 days, no install scripts)`);
    const tarball = doc.versions?.[latest]?.dist?.tarball;
    if (kind.id === 'abbreviated') {
      if (tarball?.startsWith(`${proxy.origin}/`)) out.proxy.tarball = tarball;
      else {
        out.proxy.tarball = `${proxy.origin}${tarballPath}`;
        notes.push(`the proxy's packument does not point ${name}@${latest}'s tarball at the proxy (${tarball ?? 'missing'}); the tarball row requests ${out.proxy.tarball}`);
      }
    }
    log(`proxy ${kind.id} packument: ${kb(r.body.length)}, ${kept} versions`);
  }
  if (!out.proxy.tarball) out.proxy.tarball = `${proxy.origin}${tarballPath}`;
  const t = await get(out.proxy.tarball, '*/*');
  if (t.status !== 200) out.proxyError.tarball = `proxy answered ${t.status} for the tarball: ${t.body.toString('utf8').slice(0, 200)}`;
  else if (`sha512-${createHash('sha512').update(t.body).digest('base64')}` !== integrity) out.proxyError.tarball = 'the tarball the proxy served does not match the upstream integrity';
  // A second request of each, now that the first filled the cache: that is the state the rows measure.
  for (const kind of KINDS) if (!out.proxyError[kind.id]) await get(out.proxy[kind.id], kind.accept);
  return out;
}

function get(url, accept = '*/*') {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { headers: { accept }, agent: false, timeout: 30_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 30 s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * One wrk run (async, so this process keeps draining its children's pipes). The Lua script prints
 * the exact percentiles as JSON; `failed` counts socket errors and non-2xx/3xx answers.
 */
function runWrk(bin, { url, accept, connections, duration }) {
  const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '5s', '-s', wrkScript, '-H', `Accept: ${accept}`, url];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), (duration + 30) * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
      if (code !== 0 || !line) return reject(new Error(`wrk exited ${code}: ${firstLine(stderr) || firstLine(stdout) || 'no report'}`));
      const w = JSON.parse(line.slice('WRK_JSON '.length));
      const failed = w.errors.connect + w.errors.read + w.errors.write + w.errors.status + w.errors.timeout;
      resolvePromise({
        connections,
        duration,
        requests: w.requests,
        rps: w.requests / (w.duration_us / 1e6),
        mbPerSec: w.bytes / (w.duration_us / 1e6) / 1e6,
        p50Ms: w.p50_us / 1000,
        p90Ms: w.p90_us / 1000,
        p99Ms: w.p99_us / 1000,
        meanMs: w.mean_us / 1000,
        maxMs: w.max_us / 1000,
        errors: w.errors,
        failed,
        command: ['wrk', ...args].join(' '),
      });
    });
  });
}

/** Added p50 (one connection) for both packument forms; request-rate ratio (16 connections) for all three. */
function evaluateTargets(rows) {
  const pair = (kind) => [rows.find((r) => r.kind === kind && r.path === 'direct'), rows.find((r) => r.kind === kind && r.path === 'proxy')];
  const targets = [];
  for (const kind of KINDS.filter((k) => k.packument)) {
    const [d, p] = pair(kind.id);
    const value = d?.single && p?.single ? p.single.p50Ms - d.single.p50Ms : null;
    targets.push({ target: `added p50 latency under ${ADDED_P50_MS} ms, cached ${kind.label}, 1 connection`, verdict: verdict(value, (v) => v < ADDED_P50_MS), value, unit: 'ms' });
  }
  for (const kind of KINDS) {
    const [d, p] = pair(kind.id);
    const value = d?.load && p?.load ? p.load.rps / d.load.rps : null;
    targets.push({ target: `proxy request rate at least ${MIN_RATE_RATIO * 100}% of direct, ${kind.label}`, verdict: verdict(value, (v) => v >= MIN_RATE_RATIO), value, unit: 'ratio' });
  }
  return targets;
}

function verdict(value, pass) {
  return value === null ? 'SKIP' : pass(value) ? 'PASS' : 'FAIL';
}

/**
 * The npm install part: reachability first (`npm ping` with the user's configuration), then the
 * install through the gate and straight, each in a fresh copy of bench/gate/project with a fresh
 * `--cache` and no lockfile. The gate goes first, so any warming of the remote side favours direct.
 */
function runInstalls(cli, guardCommand, notes, log) {
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout?.trim() || null;
  const manifest = JSON.parse(readFileSync(join(projectTemplate, 'package.json'), 'utf8'));
  const directDependencies = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).length;
  const base = { npm: npmVersion, project: relative(repoRoot, projectTemplate), directDependencies, flags: INSTALL_FLAGS.slice(1) };
  const env = { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1' };
  const ping = spawnSync('npm', ['ping'], { cwd: workDir, env, encoding: 'utf8', timeout: 30_000 });
  if (ping.status !== 0) {
    const why = ping.error?.code === 'ETIMEDOUT' || ping.signal ? 'no answer within 30 s' : redact(firstLine(ping.stderr)) || `exit ${ping.status}`;
    notes.push(`npm install part skipped: the configured registry is unreachable (npm ping: ${why})`);
    log(`npm ping failed (${why}): skipping the npm install part`);
    return { ...base, skipped: `registry unreachable (npm ping: ${why})` };
  }
  const runs = [];
  const gate = guardCommand.ok
    ? install('guard', [process.execPath, cli, 'guard', '--', 'npm'], env, log)
    : { mode: 'guard', label: 'through chainwatch guard', error: guardCommand.error };
  runs.push(gate, install('direct', ['npm'], env, log));
  const [g, d] = [runs[0], runs[1]];
  if (g.lock && d.lock) {
    const changed = Object.entries(g.lock.versions).filter(([path, v]) => d.lock.versions[path] !== v).map(([path, v]) => `${path.replace(/^node_modules\//, '')}: ${d.lock.versions[path] ?? 'absent'} -> ${v}`);
    const missing = Object.keys(d.lock.versions).filter((path) => !(path in g.lock.versions));
    g.versusDirect = { changed: changed.length, missing: missing.length, examples: [...changed, ...missing.map((p) => `${p.replace(/^node_modules\//, '')}: not installed`)].slice(0, 20) };
    if (changed.length || missing.length) notes.push(`the gate's install differs from direct in ${changed.length + missing.length} entries (e.g. ${g.versusDirect.examples.slice(0, 3).join('; ')}); see results.json`);
  }
  if (g.proxyResolved) notes.push(`${g.proxyResolved} \`resolved\` URLs in the gate's package-lock.json point at 127.0.0.1 (the proxy), not at the registry`);
  for (const r of runs) delete r.lock;
  return { ...base, runs };
}

function install(mode, command, env, log) {
  const label = mode === 'guard' ? 'through chainwatch guard' : 'direct';
  const dir = join(workDir, `install-${mode}`);
  const cache = join(workDir, `npm-cache-${mode}`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(projectTemplate)) copyFileSync(join(projectTemplate, file), join(dir, file));
  // A private chainwatch cache per run, so nothing the proxy cached in an earlier run makes it faster.
  const runEnv = { ...env, XDG_CACHE_HOME: join(workDir, `xdg-cache-${mode}`) };
  rmSync(runEnv.XDG_CACHE_HOME, { recursive: true, force: true });
  const argv = [...command, ...INSTALL_FLAGS, '--cache', cache];
  log(`npm install ${label}: ${argv.map((a) => (a === process.execPath ? 'node' : a.startsWith(repoRoot) ? relative(repoRoot, a) : a)).join(' ')}`);
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, env: runEnv, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  writeFileSync(join(workDir, `install-${mode}.log`), `${r.stdout ?? ''}\n--- stderr ---\n${r.stderr ?? ''}`);
  const out = { mode, label, command: argv.map((a) => (a === process.execPath ? 'node' : a.startsWith(repoRoot) ? relative(repoRoot, a) : a)).join(' '), seconds, exit: r.status, log: relative(repoRoot, join(workDir, `install-${mode}.log`)) };
  if (r.error || r.status !== 0) {
    out.error = r.error?.code === 'ETIMEDOUT' ? 'timed out after 600 s' : `exit ${r.status}: ${redact(firstLine(r.stderr) || firstLine(r.stdout))}`;
    log(`npm install ${label}: ${out.error}`);
    return out;
  }
  out.added = Number((r.stdout.match(/added (\d+) packages?/) ?? [])[1]) || null;
  out.lock = readLock(join(dir, 'package-lock.json'));
  out.lockfileEntries = out.lock ? Object.keys(out.lock.versions).length : null;
  out.proxyResolved = out.lock?.proxyResolved ?? null;
  // npm's hidden lockfile lists what is on disk; package-lock.json also lists skipped optional packages.
  const onDisk = readLock(join(dir, 'node_modules', '.package-lock.json'));
  out.packages = onDisk ? Object.keys(onDisk.versions).length : null;
  if (mode === 'guard') out.summary = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /chainwatch/i.test(l)).slice(0, 10).map(redact);
  log(`npm install ${label}: ${seconds.toFixed(1)} s, ${out.packages} packages installed, ${out.lockfileEntries} in package-lock.json (npm: added ${out.added})`);
  return out;
}

/** Installed package entries (path -> version) of a lockfile v3, and how many resolve to 127.0.0.1. */
function readLock(file) {
  if (!existsSync(file)) return null;
  const packages = JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
  const versions = {};
  let proxyResolved = 0;
  for (const [path, entry] of Object.entries(packages)) {
    if (!path.includes('node_modules/') || entry.link) continue;
    versions[path] = entry.version;
    if (/^https?:\/\/127\.0\.0\.1[:/]/.test(entry.resolved ?? '')) proxyResolved++;
  }
  return { versions, proxyResolved };
}

/** Error lines go into results.json: no registry host names in them. */
function redact(text) {
  return String(text ?? '').replace(/\bhttps?:\/\/[^\s'"]+/g, '<url>');
}

/** bench/.work/results.json holds every suite's figures; this one goes under `gate`. */
function mergeIntoBenchResults(result) {
  const file = join(benchWork, 'results.json');
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // absent or unreadable: start a new one
  }
  all.gate = result;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value === null || value === undefined ? '-' : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`);
const rate = (value) => Math.round(value).toLocaleString('en-US');

export function formatGateBench(r) {
  const u = r.upstream;
  const o = r.options;
  const header = ['request', 'path', `req/s (${o.connections} conn)`, 'vs direct', `p50 (${o.connections} conn)`, `p99 (${o.connections} conn)`, 'p50 (1 conn)', 'p99 (1 conn)', 'added p50 (1 conn)', 'MB/s'];
  const table = [header];
  for (const x of r.rows) {
    const direct = r.rows.find((d) => d.kind === x.kind && d.path === 'direct');
    const isProxy = x.path === 'proxy';
    const cells = x.error
      ? [x.error, '', '', '', '', '', '', '']
      : [
          x.load ? rate(x.load.rps) : '-',
          isProxy && x.load && direct.load ? `${((100 * x.load.rps) / direct.load.rps).toFixed(0)}%` : '',
          ms(x.load?.p50Ms), ms(x.load?.p99Ms), ms(x.single?.p50Ms), ms(x.single?.p99Ms),
          isProxy && x.single && direct.single ? `${x.single.p50Ms >= direct.single.p50Ms ? '+' : ''}${ms(x.single.p50Ms - direct.single.p50Ms)}` : '',
          x.load ? x.load.mbPerSec.toFixed(0) : '-',
        ];
    table.push([isProxy ? '' : x.label, isProxy ? 'chainwatch proxy' : 'direct', ...cells]);
  }
  // Error rows print their message across the figure columns, so they do not set the widths.
  const widths = header.map((_, i) => Math.max(...table.filter((_, n) => i < 2 || n === 0 || !r.rows[n - 1].error).map((line) => line[i].length)));
  const out = [
    `chainwatch gate benchmark — node ${r.node}, wrk ${r.wrk ?? '-'}, ${r.cpus} CPUs`,
    `  upstream (bench/gate/upstream.mjs, own process): ${u.name}, ${u.versions} versions; full packument ${kb(u.sizes.full)}, abbreviated ${kb(u.sizes.abbreviated)}, tarball ${kb(u.sizes.tarball)}`,
    `  wrk -t1 -c${o.connections} -d${o.duration}s (request rate, latency under load), then -t1 -c1 -d${o.latencyDuration}s (latency of one client); 1 s warm-up each; the proxy's cache warmed first`,
    '',
  ];
  for (const [i, line] of table.entries()) {
    const isError = i > 0 && r.rows[i - 1].error;
    out.push('  ' + (isError ? [line[0].padEnd(widths[0]), line[1].padEnd(widths[1]), line[2]].join('  ') : line.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).trimEnd());
    if (i === 0) out.push('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
  if (r.proxy && !r.proxy.error) out.push('', `  proxy: peak RSS ${r.proxy.peakRssKB ? `${Math.round(r.proxy.peakRssKB / 1024)} MB` : '-'}, stopped ${r.proxy.stopMs === null ? 'only by SIGKILL' : `${r.proxy.stopMs} ms after SIGTERM (${r.proxy.exit})`}`);
  out.push('', '  Targets:');
  for (const t of r.targets) out.push(`    ${t.verdict.padEnd(4)}  ${t.target}${t.value === null ? '' : `  (${t.unit === 'ms' ? `${t.value >= 0 ? '+' : ''}${ms(t.value)}` : `${(t.value * 100).toFixed(0)}%`})`}`);
  const n = r.npmInstall;
  if (!n.project) out.push('', `  npm install: ${n.skipped}`);
  else {
    out.push('', `  npm install (npm ${n.npm ?? '-'}, the ${n.directDependencies} direct dependencies of ${n.project}; fresh --cache, no lockfile, the registry of npm's configuration):`);
    if (n.skipped) out.push(`    skipped: ${n.skipped}`);
  }
  if (!n.skipped) {
    const direct = n.runs.find((x) => x.mode === 'direct');
    for (const x of n.runs) {
      const versus = x.mode === 'guard' && !x.error && direct?.seconds && !direct.error ? `  ${(x.seconds / direct.seconds).toFixed(2)}x direct (${x.seconds >= direct.seconds ? '+' : ''}${(x.seconds - direct.seconds).toFixed(1)} s)` : '';
      out.push(`    ${x.label.padEnd(26)} ${x.error ? x.error : `${x.seconds.toFixed(1).padStart(6)} s  ${x.packages} packages${versus}`}`);
    }
    for (const line of n.runs.find((x) => x.mode === 'guard')?.summary ?? []) out.push(`    guard said: ${line.trim()}`);
    out.push(`    command: ${n.runs.map((x) => x.command).filter(Boolean).join('  |  ')}`);
  }
  if (r.notes.length) out.push('', '  Notes:', ...r.notes.map((x) => `    - ${x}`));
  return out.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const options = { duration: 6, latencyDuration: 3, connections: 16, install: true, cli: defaultCli };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => { if (args[i + 1] === undefined) throw new Error(`${arg} needs a value`); return args[++i]; };
    if (arg === '--duration') options.duration = Math.max(1, Number(value()));
    else if (arg === '--latency-duration') options.latencyDuration = Math.max(1, Number(value()));
    else if (arg === '--connections') options.connections = Math.max(1, Number(value()));
    else if (arg === '--no-install') options.install = false;
    else if (arg === '--cli') options.cli = resolve(value());
    else throw new Error(`unknown option ${arg} (known: --duration, --latency-duration, --connections, --no-install, --cli)`);
  }
  const result = await runGateBench({ ...options, log: (m) => process.stderr.write(`[bench/gate] ${m}\n`) });
  process.stdout.write(formatGateBench(result));
}
