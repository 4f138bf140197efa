// Inputs of the inspect benchmark, built once and kept under bench/.work/inspect/:
// - project/node_modules: a real install (`npm install --ignore-scripts`) of the large fixture
//   project's package.json, with whatever registry the machine's npm config names. A stamp (hash of
//   that package.json) plus the counted size lets later runs reuse it without walking it again.
// - peers/: retire.js pinned by bench/inspect/peers.json (not the repo's package.json).
// - ioc-strings.txt: the fixed strings ripgrep searches for, from data/ioc/*.json (or, while that
//   folder does not exist yet, the indicator tables of /work/shared/research/incidents.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const workDir = join(here, '..', '.work', 'inspect');
const fixtureManifest = join(repoRoot, 'scripts', 'fixtures', 'projects', 'large', 'package.json');
const projectDir = join(workDir, 'project');
const peersDir = join(workDir, 'peers');
const iocDir = join(repoRoot, 'data', 'ioc');
const incidentsFile = resolve(repoRoot, '..', 'shared', 'research', 'incidents.md');
const pins = JSON.parse(readFileSync(join(here, 'peers.json'), 'utf8')).packages;

/**
 * The installed tree and its size: { dir, packages, files, bytes, jsFiles, jsBytes }. Installed on
 * first use and again whenever the fixture's package.json changes; a failed install leaves no stamp.
 */
export function ensureNodeModules(log = () => {}) {
  const manifest = readFileSync(fixtureManifest);
  const hash = createHash('sha256').update(manifest).digest('hex');
  const stampFile = join(projectDir, '.stamp.json');
  const nodeModules = join(projectDir, 'node_modules');
  if (existsSync(stampFile) && existsSync(nodeModules)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.hash === hash) return { dir: nodeModules, ...stamp.size };
  }
  rmSync(projectDir, { recursive: true, force: true });
  mkdirSync(projectDir, { recursive: true });
  copyFileSync(fixtureManifest, join(projectDir, 'package.json'));
  log(`installing ${fixtureManifest.slice(repoRoot.length + 1)} into ${projectDir} (npm install --ignore-scripts; takes a minute or two)`);
  const started = Date.now();
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'], {
    cwd: projectDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s; counting packages and files`);
  const size = measureTree(nodeModules);
  writeFileSync(stampFile, JSON.stringify({ hash, installedAt: new Date().toISOString(), size }, null, 2) + '\n');
  return { dir: nodeModules, ...size };
}

/**
 * Package instances (a directory right under some node_modules/ or node_modules/@scope/ holding a
 * package.json), regular files and their bytes, and the JS part of them. Symlinks (.bin) are not
 * followed, as neither rg nor an installed-tree walk follows them.
 */
export function measureTree(root) {
  const size = { packages: 0, files: 0, bytes: 0, jsFiles: 0, jsBytes: 0 };
  const visit = (dir, parentName) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const isPackage = (parentName === 'node_modules' && !entry.name.startsWith('@') && !entry.name.startsWith('.'))
          || (parentName.startsWith('@') && dir.endsWith(`node_modules/${parentName}`));
        if (isPackage && existsSync(join(path, 'package.json'))) size.packages++;
        visit(path, entry.name);
      } else if (entry.isFile()) {
        const bytes = lstatSync(path).size;
        size.files++;
        size.bytes += bytes;
        if (/\.[cm]?js$/.test(entry.name)) { size.jsFiles++; size.jsBytes += bytes; }
      }
    }
  };
  visit(root, 'node_modules');
  return size;
}

/** Installs retire at its pinned version into bench/.work/inspect/peers; returns { version, bin } or { error }. */
export function ensureRetire(log = () => {}) {
  const version = pins.retire;
  const pkgFile = join(peersDir, 'node_modules', 'retire', 'package.json');
  const installed = () => (existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : null);
  if (installed()?.version !== version) {
    mkdirSync(peersDir, { recursive: true });
    if (!existsSync(join(peersDir, 'package.json'))) writeFileSync(join(peersDir, 'package.json'), '{"private":true}\n');
    log(`installing retire@${version} into ${peersDir}`);
    const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `retire@${version}`], {
      cwd: peersDir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8',
    });
    if (r.status !== 0) return { error: `npm install retire@${version} failed: ${firstLine(r.stderr)}` };
  }
  const pkg = installed();
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.retire;
  if (!bin) return { error: `retire@${pkg.version} declares no retire bin` };
  return { version: pkg.version, bin: join(dirname(pkgFile), bin) };
}

/** ripgrep on PATH: { bin, version } or { error } with the hint to install it (Debian's package). */
export function findRipgrep() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(dir, 'rg');
    if (!existsSync(bin)) continue;
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    return { bin, version: (r.stdout ?? '').split('\n')[0].replace(/^ripgrep\s*/, '').trim() };
  }
  return { error: 'rg (ripgrep) not found on PATH: install it with `apt-get install -y ripgrep`' };
}

/**
 * Writes ioc-strings.txt (one fixed string a line, for `rg -F -f`). Source: every value of a
 * string, domain, url, wallet or ip indicator in data/ioc/*.json; hashes, regexes and file names
 * are not text to search for. Falls back to incidents.md's indicator tables (with a note).
 */
export function writeIocStrings() {
  const file = join(workDir, 'ioc-strings.txt');
  let strings = [];
  let source;
  const jsonFiles = existsSync(iocDir) ? readdirSync(iocDir).filter((n) => n.endsWith('.json')).sort() : [];
  if (jsonFiles.length) {
    for (const name of jsonFiles) collectIndicators(JSON.parse(readFileSync(join(iocDir, name), 'utf8')), strings);
    source = `data/ioc/*.json (${jsonFiles.length} files)`;
  }
  if (!strings.length) {
    strings = incidentStrings();
    source = `${jsonFiles.length ? 'data/ioc/*.json held no string/domain/url/wallet/ip values, so ' : 'data/ioc/ does not exist yet, so '}the indicator tables of ${incidentsFile}`;
  }
  // Very short values would match everywhere and measure nothing but the match count.
  strings = [...new Set(strings.map((s) => s.trim()).filter((s) => s.length >= 4 && !s.includes('\n')))].sort();
  mkdirSync(workDir, { recursive: true });
  writeFileSync(file, strings.join('\n') + '\n');
  return { file, count: strings.length, source };
}

const TEXT_KINDS = new Set(['string', 'strings', 'domain', 'domains', 'url', 'urls', 'wallet', 'wallets', 'ip', 'ips', 'address', 'addresses']);

/**
 * Any of these shapes, anywhere in the document: { kind|type: 'domain', value|values }, or
 * { domains: [...], wallets: [...], ... }. The IOC data format is young, so this stays lenient.
 */
function collectIndicators(node, out) {
  if (Array.isArray(node)) { for (const item of node) collectIndicators(item, out); return; }
  if (!node || typeof node !== 'object') return;
  const kind = String(node.kind ?? node.type ?? '').toLowerCase();
  if (TEXT_KINDS.has(kind)) {
    for (const value of [node.value, ...(Array.isArray(node.values) ? node.values : [])]) {
      if (typeof value === 'string') out.push(value);
      else if (value && typeof value.value === 'string') out.push(value.value);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (TEXT_KINDS.has(key.toLowerCase()) && Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string') out.push(v); else collectIndicators(v, out);
    } else if (typeof value === 'object') {
      collectIndicators(value, out);
    }
  }
}

/** Back-ticked values in incidents.md table rows whose kind is wallet, domain, URL, IP, network or string. */
function incidentStrings() {
  if (!existsSync(incidentsFile)) return ['npmjs.help', 'webhook.site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7', '0xFc4a4858bafef54D1b1d7697bfb5c52F4c166976', 'sfrclak.com', 'copayapi.host'];
  const out = [];
  for (const line of readFileSync(incidentsFile, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/\b(wallet|domain|url|ip|network|string)\b/i.test(cells.at(-3) ?? '')) continue;
    for (const m of cells[1].matchAll(/`([^`]+)`/g)) out.push(m[1].replace(/^https?:\/\//, ''));
  }
  return out;
}

export function firstLine(text) {
  const lines = String(text ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Node.js v') && !l.startsWith('at '));
  // "Error: message" (an uncaught throw) or "chainwatch: error: ..." before the source line Node echoes above it.
  return (lines.find((l) => /\b\w*Error:|\berror:/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '').slice(0, 300);
}
