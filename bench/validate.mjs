// Checks, once per generated lockfile (cached in <dir>/.validated), that the inputs are valid for
// the peers too:
// - npm lockfiles: loaded by arborist (`peers/arborist.mjs --check`: every edge resolves to a
//   version satisfying its range) up to --check-limit packages, because arborist's loadVirtual is
//   quadratic in the number of packages (Node#[_reloadNamedEdges] walks the whole tree for each
//   top-level child) and takes hours at 50k. Above the limit, and always in addition, our own
//   node_modules resolution walk over the v3 `packages` map does the same check in linear time;
// - yarn v1, yarn berry, pnpm and npm: parsed by snyk-nodejs-lockfile-parser, package count compared;
// - bun: trailing commas stripped, JSON.parse, entry count compared (no peer reads bun.lock).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;

/** Returns {ok, checks: [...]} for one generated lockfile; reuses a previous verdict for the same stamp. */
export function validate(lock, { checkLimit = 10000, timeoutSec = 1800, log = () => {} } = {}) {
  const cache = join(lock.dir, '.validated');
  const stamp = readFileSync(join(lock.dir, '.stamp'), 'utf8');
  if (existsSync(cache)) {
    const previous = JSON.parse(readFileSync(cache, 'utf8'));
    if (previous.stamp === stamp && previous.checkLimit >= Math.min(checkLimit, lock.size)) return previous;
  }
  const checks = [];
  const expected = lock.size;
  if (lock.format.startsWith('npm')) {
    if (lock.size <= checkLimit) checks.push(runPeer('arborist loadVirtual', ['peers/arborist.mjs', lock.dir, '--check'], timeoutSec, log, (r) => r.problems === 0 && r.packages === expected));
    else checks.push({ check: 'arborist loadVirtual', ok: null, note: `skipped above --check-limit ${checkLimit} (quadratic: hours at this size)` });
    if (lock.format === 'npm-v3') checks.push(resolveNpmV3(lock.file, expected));
  }
  if (lock.format !== 'bun') {
    // The dep-graph parsers count the root too; snyk's yarn parsers ignore the root's optionalDependencies.
    const want = lock.format.startsWith('yarn') ? expected + 1 - optionalOnlyFromRoot(lock) : expected + 1;
    checks.push(runPeer('snyk-nodejs-lockfile-parser', ['peers/snyk.mjs', lock.dir, lock.format, '--check'], timeoutSec, log, (r) => (r.packages ?? r.topLevel) === want));
  } else checks.push(checkBun(lock.file, expected));
  const verdict = { stamp, checkLimit: Math.min(checkLimit, lock.size), ok: checks.every((c) => c.ok !== false), checks };
  writeFileSync(cache, JSON.stringify(verdict, null, 2));
  return verdict;
}

function runPeer(check, args, timeoutSec, log, accept) {
  log(`validating with ${check}: ${args[1]}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8', timeout: timeoutSec * 1000, maxBuffer: 1 << 20 });
  const seconds = (Date.now() - started) / 1000;
  // A timeout says nothing about validity (snyk's npm v1 and yarn v1 parsers take minutes at 10k).
  if (r.error?.code === 'ETIMEDOUT') return { check, ok: null, seconds, note: `timed out after ${timeoutSec} s` };
  if (r.status !== 0) return { check, ok: false, seconds, note: r.error?.message ?? r.stderr.slice(-500) };
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  return { check, ok: accept(result), seconds, result };
}

/** Node's resolution on the flat v3 map: every dependency must find a satisfying version walking up. */
function resolveNpmV3(file, expected) {
  const packages = JSON.parse(readFileSync(file, 'utf8')).packages;
  const problems = [];
  const distinct = new Set();
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '') continue;
    distinct.add(`${path.slice(path.lastIndexOf('node_modules/') + 13)}@${entry.version}`);
    for (const [name, range] of Object.entries({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const target = resolveFrom(packages, path, name);
      if (!target || !satisfies(target.version, range)) problems.push(`${path} -> ${name}@${range}: ${target?.version ?? 'missing'}`);
    }
  }
  const ok = problems.length === 0 && distinct.size === expected;
  return { check: 'node_modules resolution walk (v3 packages map)', ok, result: { packages: distinct.size, problems: problems.length, samples: problems.slice(0, 5) } };
}

function resolveFrom(packages, path, name) {
  for (let base = path; ; ) {
    const hit = packages[`${base ? base + '/' : ''}node_modules/${name}`];
    if (hit) return hit;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Only the range shapes the generator writes: ^M.m.p, ~M.m.p, M.m.p (all majors >= 1). */
function satisfies(version, range) {
  const [M, m, p] = version.split('.').map(Number);
  const op = range[0] === '^' || range[0] === '~' ? range[0] : '';
  const [rM, rm, rp] = range.slice(op.length).split('.').map(Number);
  if (!op) return M === rM && m === rm && p === rp;
  const atLeast = M > rM || (M === rM && (m > rm || (m === rm && p >= rp)));
  return atLeast && M === rM && (op === '^' || m === rm);
}

/** How many packages only the root's optionalDependencies reach, computed on the npm v3 twin of the same graph. */
function optionalOnlyFromRoot(lock) {
  const twin = join(lock.dir, '..', `npm-v3-${lock.size}`, 'package-lock.json');
  if (!existsSync(twin)) return 0;
  const packages = JSON.parse(readFileSync(twin, 'utf8')).packages;
  const root = packages[''];
  const seen = new Set();
  const stack = Object.keys({ ...root.dependencies, ...root.devDependencies }).map((n) => `node_modules/${n}`);
  while (stack.length) {
    const path = stack.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = packages[path];
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const nested = `${path}/node_modules/${name}`;
      stack.push(packages[nested] ? nested : `node_modules/${name}`);
    }
  }
  const reached = new Set([...seen].map((p) => `${p.slice(p.lastIndexOf('node_modules/') + 13)}@${packages[p].version}`));
  return lock.size - reached.size;
}

function checkBun(file, expected) {
  const text = readFileSync(file, 'utf8').replace(/,(\s*[}\]])/g, '$1');
  const lock = JSON.parse(text);
  const distinct = new Set(Object.values(lock.packages).map((t) => t[0]));
  return { check: 'bun.lock: JSONC -> JSON.parse, distinct name@version', ok: lock.lockfileVersion === 1 && distinct.size === expected, result: { packages: distinct.size } };
}
