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
import { startAnalysisPool, type AnalysisPool, type JobStream } from './analysis-workers.js';
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
  /**
   * Worker threads for the analysis; this thread takes its share too, once the packages are
   * listed. 0 analyzes in this thread only. Default: one per core but one, once 8 packages (or parts of
   * big ones) need analysis.
   */
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
  const selected = selectRules(opts.rules); // unknown ids fail before any work
  const cache = opts.cachePath ? openResultCache(opts.cachePath) : null;
  // The engine's hash reads every analysis module: only a cache key needs it.
  const engine = cache ? `${engineVersion()}:${selected.map((r) => r.meta.id).join(',')}` : '';
  const cleanups: (() => Promise<void>)[] = [];
  let run: Run | undefined;
  try {
    const found: Found[] = [];
    for (const target of opts.targets) found.push(...(await resolveTarget(target, opts, cleanups)));
    const packages = new Array<PackageAnalysis>(found.length);
    let done = 0;
    const finish = (index: number, result: PackageAnalysis) => {
      packages[index] = withArchiveProblems(result, found[index]!.problems);
      opts.onProgress?.(++done, found.length);
    };
    const workers = opts.workers ?? availableParallelism() - 1;
    // Workers asked for by number start with the first package; by default, once there is enough work.
    const threshold = opts.workers === undefined ? WORKER_THRESHOLD : 1;
    const parses = selected.some((r) => r.create && !r.meta.textOnly);
    if (!parses && cache === null && workers > 0 && found.length >= threshold) {
      await readOnWorkers(found, workers, opts.rules, finish);
      return { packages, cached: 0, elapsedMs: performance.now() - started };
    }
    run = new Run(workers, threshold, opts.rules, (job, result) => finish(job.index, result));
    for (const [index, f] of found.entries()) {
      const listing = readPackageDir(f.dir, { fingerprint: cache !== null && f.integrity === undefined, sizes: true });
      const job: Job = { ...f, index, listing, key: cache ? hash(engine, f.integrity ?? listing.fingerprint) : '' };
      const hit = cache?.get(job.key);
      if (hit) finish(index, JSON.parse(hit) as PackageAnalysis);
      else run.add(job);
      // Let the workers' answers in now and then: they get the next job while this thread lists.
      if (index % 32 === 31 && run.streaming) await new Promise((resolve) => setImmediate(resolve));
    }
    await run.finish();
    cache?.putMany([...run.analyzed].map((j) => [j.key, JSON.stringify(packages[j.index])] as const));
    return { packages, cached: found.length - run.analyzed.size, elapsedMs: performance.now() - started };
  } finally {
    await run?.pool?.close();
    cache?.close();
    await Promise.all(cleanups.map((c) => c()));
  }
}

/**
 * Rules that read only text (`textOnly`) never parse: their cost is reading the files, so there is
 * nothing to size packages for, and without a cache no key to compute. The workers then list and
 * read their own packages, in tree order, from the start, and this thread takes its share of them
 * while the workers are still loading.
 */
async function readOnWorkers(found: readonly Found[], workers: number, rules: readonly string[] | undefined, finish: (index: number, result: PackageAnalysis) => void): Promise<void> {
  const pool = startAnalysisPool(workers, { here: true });
  try {
    const stream = pool.start({ rules, onResult: finish });
    for (const f of found) stream.add({ dir: f.dir, display: f.display });
    await stream.done();
  } finally {
    await pool.close();
  }
}

/**
 * The analysis of the packages not in the cache, as they are listed. Once there are
 * `threshold` of them (or parts of big ones), worker threads start and jobs stream to them while
 * the rest is listed, and this thread joins them once all are; fewer are analyzed in this thread
 * at the end. A package is cut into
 * parts (analysis-plan.ts) and finished when its last part is in. A package installed more than
 * once (npm nests a copy of the same version under each parent that needs it) is analyzed once:
 * its twins, with the same name, version, files and sizes, are checked at the end by a worker
 * comparing their files byte for byte with the first copy's, and those that match get its result.
 */
class Run {
  /** The jobs taken, as added. */
  readonly analyzed = new Set<Job>();
  pool: AnalysisPool | undefined;
  private stream: JobStream | undefined;
  private readonly jobs: { job: Job; parts: Part[]; results: PackageAnalysis[]; twinOf?: Job }[] = [];
  /** Stream index -> index into `jobs`. */
  private readonly sent: number[] = [];
  private readonly firstCopy = new Map<string, Job>();

  constructor(
    private readonly workers: number,
    /** Parts to analyze before the workers start. */
    private readonly threshold: number,
    private readonly rules: readonly string[] | undefined,
    private readonly done: (job: Job, result: PackageAnalysis) => void,
  ) {}

  get streaming(): boolean {
    return this.stream !== undefined;
  }

  add(job: Job): void {
    this.analyzed.add(job);
    const parts = partsOf(job.listing.info.files, job.listing.sizes);
    const key = parts.length === 1 ? twinKey(job) : undefined;
    const twinOf = key === undefined ? undefined : this.firstCopy.get(key);
    if (key !== undefined && twinOf === undefined) this.firstCopy.set(key, job);
    const index = this.jobs.push({ job, parts, results: [], ...(twinOf ? { twinOf } : {}) }) - 1;
    if (this.stream) {
      if (!twinOf) this.send(index);
    } else if (this.workers > 0 && this.jobs.reduce((n, j) => n + j.parts.length, 0) >= this.threshold) {
      this.pool = startAnalysisPool(this.workers, { here: true });
      this.stream = this.pool.start({ rules: this.rules, onResult: (i, result) => this.onPart(this.sent[i]!, result) });
      for (const [i, j] of this.jobs.entries()) if (!j.twinOf) this.send(i);
    }
  }

  /** Waits for the rest: the stream, then the twins; or, without workers, analyzes everything here. */
  async finish(): Promise<void> {
    if (!this.stream) {
      for (const { job } of this.jobs) this.done(job, analyzeDir(job.dir, job.display, this.rules, {}, job.listing.info));
      return;
    }
    await this.stream.done();
    const copies = this.jobs.filter((j) => j.twinOf);
    if (copies.length === 0) return;
    const results = new Map(this.jobs.map((j) => [j.job, j.results[0]]));
    const twins = this.pool!.start({
      rules: this.rules,
      onResult: (i, result) => this.done(copies[i]!.job, result),
      onSame: (i) => this.done(copies[i]!.job, { ...results.get(copies[i]!.twinOf!)!, path: copies[i]!.job.display }),
    });
    for (const { job, parts, twinOf } of copies) twins.add({ dir: job.dir, display: job.display, info: job.listing.info, bytes: parts[0]!.bytes, twinOf: twinOf!.dir });
    await twins.done();
  }

  private send(index: number): void {
    const { job, parts } = this.jobs[index]!;
    for (const part of parts) {
      this.sent.push(index);
      this.stream!.add({ ...part, dir: job.dir, display: job.display, info: job.listing.info });
    }
  }

  private onPart(index: number, result: PackageAnalysis): void {
    const entry = this.jobs[index]!;
    entry.results.push(result);
    if (entry.results.length === entry.parts.length) this.done(entry.job, entry.results.length === 1 ? result : mergeAnalyses(entry.results));
  }
}

/**
 * What a package that may be a copy of another shares with it: name, version, files, executables
 * and sizes. None for a tarball, whose result carries its archive problems, or a folder without a version.
 */
function twinKey(job: Job): string | undefined {
  const { info } = job.listing;
  if (job.integrity !== undefined || info.version === null) return undefined;
  return JSON.stringify([info.name, info.version, info.files, info.executables, info.files.map((f) => job.listing.sizes.get(f) ?? null)]);
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
  /** Its place among the packages found, and in the result. */
  index: number;
  /** Its files as listed on disk, with their sizes. */
  listing: PackageDir;
  /** The cache key: the engine's hash with the package's file fingerprint or its tarball integrity; '' without a cache. */
  key: string;
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
