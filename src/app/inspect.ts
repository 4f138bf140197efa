import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { ErrorCodes, ToolError } from '../core/index.js';
import { decideVerdict, mergeAnalyses, type Finding, type PackageAnalysis } from '../analysis/index.js';
import { fetchTarball, loadNpmConfig } from '../registry/index.js';
import { openResultCache } from '../infra/index.js';
import { displayPath } from './discover.js';
import { partsOf, type Part } from './analysis-plan.js';
import { startAnalysisPool, type AnalysisPool } from './analysis-workers.js';
import { analyzeDir, engineVersion, selectRules } from './inspect-engine.js';
import { packageDirsOf, readPackageDir, type PackageDir } from './package-dirs.js';
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

/** Below this many packages (or parts of big ones) to analyze, starting workers costs more than it saves. */
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
  let pool: AnalysisPool | undefined;
  try {
    const found: Found[] = [];
    for (const target of opts.targets) found.push(...(await resolveTarget(target, opts, cleanups)));
    const count = opts.workers ?? availableParallelism();
    let misses = 0;
    const jobs: Job[] = found.map((f) => {
      const listing = readPackageDir(f.dir, { fingerprint: cache !== null && f.integrity === undefined, sizes: true });
      const job: Job = { ...f, listing, key: cache ? hash(engine, f.integrity ?? listing.fingerprint) : '' };
      const hit = cache?.get(job.key);
      if (hit) job.result = JSON.parse(hit) as PackageAnalysis;
      // Enough work for workers: they load the engine while this thread lists the rest.
      else if (++misses === WORKER_THRESHOLD && count > 0) pool ??= startAnalysisPool(count);
      return job;
    });
    const todo = jobs.filter((j) => !j.result);
    const cached = jobs.length - todo.length;
    let done = cached;
    const finish = (job: Job, result: PackageAnalysis) => {
      job.result = withArchiveProblems(result, job.problems);
      opts.onProgress?.(++done, jobs.length);
    };
    const parts = todo.map((job) => partsOf(job.listing.info.files, job.listing.sizes));
    if (!pool && count > 0 && parts.flat().length >= WORKER_THRESHOLD) pool = startAnalysisPool(count);
    if (pool && todo.length > 0) await analyzeOnPool(pool, todo, parts, opts.rules, finish);
    else for (const job of todo) finish(job, analyzeDir(job.dir, job.display, opts.rules, {}, job.listing.info));
    cache?.putMany(todo.map((j) => [j.key, JSON.stringify(j.result)] as const));
    return { packages: jobs.map((j) => j.result!), cached, elapsedMs: performance.now() - started };
  } finally {
    await pool?.close();
    cache?.close();
    await Promise.all(cleanups.map((c) => c()));
  }
}

/**
 * The jobs on the pool's workers, in parts (analysis-plan.ts), all parts largest first; a job is
 * finished when its last part is in. A package installed more than once (npm nests a copy of the
 * same version under each parent that needs it) is analyzed once: its twins, jobs with the same
 * name, version and file list, are checked afterwards by the digest of their files, and those
 * that match get the first copy's result.
 */
async function analyzeOnPool(pool: AnalysisPool, jobs: readonly Job[], parts: readonly Part[][], rules: readonly string[] | undefined, finish: (job: Job, result: PackageAnalysis) => void): Promise<void> {
  const twinOf = twins(jobs, parts);
  const hasTwins = new Set(twinOf.filter((t) => t !== undefined));
  const results = jobs.map(() => [] as PackageAnalysis[]);
  const digests = new Map<number, string>();
  const missing = parts.map((p) => p.length);
  const work = jobs
    .flatMap((job, owner) => (twinOf[owner] === undefined ? parts[owner]!.map((part) => ({ owner, ...part, digest: hasTwins.has(owner) })) : []))
    .sort((a, b) => b.bytes - a.bytes);
  await pool.run(
    work.map(({ owner, ...part }) => ({ ...part, dir: jobs[owner]!.dir, display: jobs[owner]!.display, info: jobs[owner]!.listing.info })),
    {
      rules,
      onResult: (i, result, digest) => {
        const owner = work[i]!.owner;
        results[owner]!.push(result);
        if (digest !== undefined) digests.set(owner, digest);
        if (--missing[owner]! === 0) finish(jobs[owner]!, results[owner]!.length === 1 ? result : mergeAnalyses(results[owner]!));
      },
    },
  );
  const copies = twinOf.flatMap((original, owner) => (original === undefined ? [] : [{ owner, original }]));
  await pool.run(
    copies.map(({ owner, original }) => {
      const digest = digests.get(original);
      return { dir: jobs[owner]!.dir, display: jobs[owner]!.display, info: jobs[owner]!.listing.info, bytes: parts[owner]![0]!.bytes, ...(digest ? { twinOf: digest } : {}) };
    }),
    {
      rules,
      onResult: (i, result) => finish(jobs[copies[i]!.owner]!, result),
      onSame: (i) => finish(jobs[copies[i]!.owner]!, { ...results[copies[i]!.original]![0]!, path: jobs[copies[i]!.owner]!.display }),
    },
  );
}

/**
 * For each job, the index of an earlier job it may be a copy of: a directory (not a tarball,
 * whose result carries its archive problems) of one part with the same name, version, files,
 * executables and source sizes. Undefined for the rest.
 */
function twins(jobs: readonly Job[], parts: readonly Part[][]): (number | undefined)[] {
  const first = new Map<string, number>();
  return jobs.map((job, i) => {
    const { info } = job.listing;
    if (job.integrity !== undefined || parts[i]!.length !== 1 || info.version === null) return undefined;
    const key = JSON.stringify([info.name, info.version, info.files, info.executables, info.files.map((f) => job.listing.sizes.get(f) ?? null)]);
    const original = first.get(key);
    if (original === undefined) first.set(key, i);
    return original;
  });
}

/** A package a target names, found but not yet listed. */
interface Found {
  dir: string;
  display: string;
  /** A tarball's integrity: its cache key; a directory is keyed by its files' fingerprint. */
  integrity?: string;
  problems: readonly TarballProblem[];
}

interface Job extends Found {
  /** Its files as listed on disk, with their sizes. */
  listing: PackageDir;
  /** The cache key: the engine's hash with the package's file fingerprint or its tarball integrity; '' without a cache. */
  key: string;
  result?: PackageAnalysis;
}

/**
 * What a target names: a directory on disk (a package, a node_modules, a build folder), a `.tgz`
 * file, or else a package spec (`chalk@5.6.1`) fetched from the user's configured registry.
 * Tarballs are extracted with the safety limits of extractTarball into a temporary directory.
 */
async function resolveTarget(target: string, opts: InspectOptions, cleanups: (() => Promise<void>)[]): Promise<Found[]> {
  const abs = resolve(opts.cwd, target);
  const stat = existsSync(abs) ? statSync(abs) : undefined;
  if (stat?.isDirectory()) return packageDirsOf(abs).map((dir) => ({ dir, display: displayPath(dir, opts.cwd) || basename(dir), problems: [] }));
  if (stat?.isFile() && /\.(?:tgz|tar\.gz)$/.test(abs)) {
    const data = await readFile(abs);
    return [await fromTarball({ data, label: target }, target, createHash('sha512').update(data).digest('base64'), cleanups)];
  }
  if (stat || !looksLikeSpec(target)) {
    throw new ToolError(ErrorCodes.io, `${target}: no such directory or .tgz file, and not a package name`, {
      hint: 'pass a package directory, a node_modules directory, a build output folder, a .tgz file or name@version',
    });
  }
  const config = await loadNpmConfig({ cwd: opts.cwd, env: opts.env ?? {} });
  const fetched = await fetchTarball(target, { config });
  return [await fromTarball({ data: fetched.data, label: target }, `${fetched.name}@${fetched.version}`, fetched.integrity, cleanups)];
}

async function fromTarball(input: { data: Uint8Array; label: string }, display: string, integrity: string, cleanups: (() => Promise<void>)[]): Promise<Found> {
  const extracted = await extractTarball(input);
  cleanups.push(() => extracted.cleanup());
  return { dir: extracted.dir, display, integrity, problems: extracted.problems };
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
