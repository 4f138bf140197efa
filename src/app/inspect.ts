import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { ErrorCodes, ToolError } from '../core/index.js';
import { decideVerdict, type Finding, type PackageAnalysis } from '../analysis/index.js';
import { fetchTarball, loadNpmConfig } from '../registry/index.js';
import { openResultCache } from '../infra/index.js';
import { displayPath } from './discover.js';
import { analyzeOnWorkers } from './analysis-workers.js';
import { analyzeDir, engineVersion, selectRules } from './inspect-engine.js';
import { packageDirsOf, readPackageDir } from './package-dirs.js';
import { looksLikeSpec } from './release-source.js';
import { extractTarball, type TarballProblem } from './tarball.js';

export interface InspectOptions {
  /** Directories (a package, a node_modules, a build output), `.tgz` files or package specs. */
  targets: readonly string[];
  cwd: string;
  /** The environment npm's configuration is read with (registry, auth, proxy) for package specs. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The result cache file; null for none. */
  cachePath: string | null;
  /** Only these rules (ids); default every rule. */
  rules?: readonly string[];
  /** Worker threads for the analysis; 0 analyzes in this thread. Default: one per core, for 8+ uncached packages. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface InspectResult {
  packages: PackageAnalysis[];
  /** How many package results came from the cache. */
  cached: number;
  elapsedMs: number;
}

/** Below this many packages to analyze, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 8;

/**
 * The detection engine over what the targets name: every package found, analyzed once per content
 * (results are cached by the package's file fingerprint or tarball integrity and the engine's own
 * hash), on worker threads when there are many.
 */
export async function inspect(opts: InspectOptions): Promise<InspectResult> {
  const started = performance.now();
  const rules = selectRules(opts.rules).map((r) => r.meta.id); // unknown ids fail before any work
  const engine = `${engineVersion()}:${rules.join(',')}`;
  const cache = opts.cachePath ? openResultCache(opts.cachePath) : null;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const jobs: Job[] = [];
    for (const target of opts.targets) jobs.push(...(await resolveTarget(target, opts, cache ? engine : null, cleanups)));
    for (const job of jobs) {
      const hit = cache?.get(job.key);
      if (hit) job.result = JSON.parse(hit) as PackageAnalysis;
    }
    const todo = jobs.filter((j) => !j.result);
    const cached = jobs.length - todo.length;
    let done = cached;
    const finish = (job: Job, result: PackageAnalysis) => {
      job.result = withArchiveProblems(result, job.problems);
      opts.onProgress?.(++done, jobs.length);
    };
    const workers = opts.workers ?? (todo.length >= WORKER_THRESHOLD ? availableParallelism() : 0);
    if (workers > 0) await analyzeOnWorkers(todo, { count: workers, rules: opts.rules, onResult: (i, result) => finish(todo[i]!, result) });
    else for (const job of todo) finish(job, analyzeDir(job.dir, job.display, opts.rules));
    cache?.putMany(todo.map((j) => [j.key, JSON.stringify(j.result)] as const));
    return { packages: jobs.map((j) => j.result!), cached, elapsedMs: performance.now() - started };
  } finally {
    cache?.close();
    await Promise.all(cleanups.map((c) => c()));
  }
}

interface Job {
  dir: string;
  display: string;
  /** The cache key: the engine's hash with the package's file fingerprint or its tarball integrity; '' without a cache. */
  key: string;
  problems: readonly TarballProblem[];
  result?: PackageAnalysis;
}

/**
 * What a target names: a directory on disk (a package, a node_modules, a build folder), a `.tgz`
 * file, or else a package spec (`chalk@5.6.1`) fetched from the user's configured registry.
 * Tarballs are extracted with the safety limits of extractTarball into a temporary directory.
 */
async function resolveTarget(target: string, opts: InspectOptions, engine: string | null, cleanups: (() => Promise<void>)[]): Promise<Job[]> {
  // Without a cache there is nothing to key: skip the fingerprint (a stat of every file).
  const key = (content: () => string) => (engine === null ? '' : hash(engine, content()));
  const abs = resolve(opts.cwd, target);
  const stat = existsSync(abs) ? statSync(abs) : undefined;
  if (stat?.isDirectory()) {
    return packageDirsOf(abs).map((dir) => ({
      dir,
      display: displayPath(dir, opts.cwd) || basename(dir),
      key: key(() => readPackageDir(dir).fingerprint),
      problems: [],
    }));
  }
  if (stat?.isFile() && /\.(?:tgz|tar\.gz)$/.test(abs)) {
    const data = await readFile(abs);
    return [await fromTarball({ data, label: target }, target, key(() => createHash('sha512').update(data).digest('base64')), cleanups)];
  }
  if (stat || !looksLikeSpec(target)) {
    throw new ToolError(ErrorCodes.io, `${target}: no such directory or .tgz file, and not a package name`, {
      hint: 'pass a package directory, a node_modules directory, a build output folder, a .tgz file or name@version',
    });
  }
  const config = await loadNpmConfig({ cwd: opts.cwd, env: opts.env ?? {} });
  const fetched = await fetchTarball(target, { config });
  return [await fromTarball({ data: fetched.data, label: target }, `${fetched.name}@${fetched.version}`, key(() => fetched.integrity), cleanups)];
}

async function fromTarball(input: { data: Uint8Array; label: string }, display: string, key: string, cleanups: (() => Promise<void>)[]): Promise<Job> {
  const extracted = await extractTarball(input);
  cleanups.push(() => extracted.cleanup());
  return { dir: extracted.dir, display, key, problems: extracted.problems };
}

function hash(engine: string, content: string): string {
  return createHash('sha256').update(engine).update('\u0000').update(content).digest('hex');
}

/**
 * Entries the extraction refused are findings of the package: a path that escapes the archive,
 * a link out of it or a device file has no innocent use in an npm tarball; a bomb is suspicious.
 */
function withArchiveProblems(result: PackageAnalysis, problems: readonly TarballProblem[]): PackageAnalysis {
  if (problems.length === 0) return result;
  const findings: Finding[] = problems.map((p) => {
    const hostile = p.kind === 'traversal' || p.kind === 'absolute' || p.kind === 'link-outside' || p.kind === 'device';
    const bomb = p.kind === 'too-large' || p.kind === 'too-many' || p.kind === 'ratio';
    return {
      rule: 'tarball-entry',
      severity: hostile ? 'high' : bomb ? 'medium' : 'low',
      category: 'archive',
      confidence: hostile ? 'high' : bomb ? 'medium' : 'low',
      message: p.message,
      file: p.path,
      line: null,
      column: null,
      snippet: '',
    };
  });
  const all = [...findings, ...result.findings];
  return { ...result, findings: all, ...decideVerdict(all) };
}
