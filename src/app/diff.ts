import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { array, ErrorCodes, installPath, isToolError, object, parseDataJson, text, ToolError, type Fail } from '../core/index.js';
import { mergeAnalyses, type PackageAnalysis, type Rule } from '../analysis/index.js';
import { diffRelease, type DependencyFacts, type DiffOptions, type ReleaseDiff, type ReleaseSide } from '../diff/index.js';
import { fetchPackument, loadNpmConfig, predecessorOf, resolveRelease, type NpmConfig, type Packument } from '../registry/index.js';
import { splitFiles, type SizedFile } from './analysis-plan.js';
import { analyzeOnWorkers } from './analysis-workers.js';
import { analyzeDir, selectRules } from './inspect-engine.js';
import { openRegistryVersion, openRelease, type ConfigLoader, type OpenedRelease } from './release-source.js';

export interface DiffReleasesOptions {
  /** Each a `name@version` (configured registry), a `.tgz` path or a package directory. */
  from: string;
  to: string;
  cwd: string;
  /** The environment npm's configuration is read with (registry, auth, proxy). */
  env: Readonly<Record<string, string | undefined>>;
  /** "Now" for ages and cadence; default the current time. */
  now?: Date;
  /** Only these detection rules (ids); default all. */
  rules?: readonly string[];
}

export interface DiffReleasesResult {
  diff: ReleaseDiff;
  elapsedMs: number;
}

/** `chainwatch diff <from> <to>`: what changed between two releases, and whether it is safe. */
export async function diffReleases(opts: DiffReleasesOptions): Promise<DiffReleasesResult> {
  const started = performance.now();
  const config = configLoader(opts);
  const rules = selectRules(opts.rules);
  const packuments = new Map<string, Promise<Packument>>();
  // Both sides at once (two releases of one package share one packument request); if one fails,
  // the other is still cleaned up.
  const sides = await Promise.allSettled([openRelease(opts.from, opts.cwd, config, packuments), openRelease(opts.to, opts.cwd, config, packuments)]);
  const opened = sides.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    for (const s of sides) if (s.status === 'rejected') throw s.reason;
    const [from, to] = opened as [OpenedRelease, OpenedRelease];
    const diff = await compare(from, to, { rules, now: opts.now ?? new Date(), config: to.packument ? await config() : undefined });
    return { diff, elapsedMs: performance.now() - started };
  } finally {
    await Promise.all(opened.map((o) => o.cleanup()));
  }
}

export interface VerifyReleaseOptions {
  /** `name@version` (or a range or tag) on the configured registry. */
  spec: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now?: Date;
  rules?: readonly string[];
}

export interface VerifyReleaseResult {
  /** Null for a first release: there is nothing to compare it with. */
  diff: ReleaseDiff | null;
  name: string;
  version: string;
  predecessor: { version: string; publishedAt?: string; reason: string } | null;
  elapsedMs: number;
}

/**
 * `chainwatch verify name@version`: the version against its predecessor, the highest lower
 * version published before it (a backport 1.2.9 published after 2.0.0 is compared with 1.2.8,
 * not with 2.0.0).
 */
export async function verifyRelease(opts: VerifyReleaseOptions): Promise<VerifyReleaseResult> {
  const started = performance.now();
  const config = await configLoader(opts)();
  const { packument, version } = await resolveRelease(opts.spec, { config });
  const result = await verifyVersion(packument, version, { config, rules: selectRules(opts.rules), now: opts.now ?? new Date() });
  return { ...result, elapsedMs: performance.now() - started };
}

interface CompareContext {
  rules: ReturnType<typeof selectRules>;
  now: Date;
  /** Set when the registry may be asked about new dependencies. */
  config: NpmConfig | undefined;
}

/** One version of a fetched packument against its predecessor. */
export async function verifyVersion(packument: Packument, version: string, ctx: { config: NpmConfig; rules: ReturnType<typeof selectRules>; now: Date }): Promise<Omit<VerifyReleaseResult, 'elapsedMs'>> {
  const previous = predecessorOf(packument, version);
  const name = packument.name;
  if (previous === undefined) return { diff: null, name, version, predecessor: null };
  const publishedAt = packument.time[previous];
  const predecessor = {
    version: previous,
    ...(publishedAt === undefined ? {} : { publishedAt }),
    reason: `the highest version below ${version} published before it`,
  };
  const sides = await Promise.allSettled([
    openRegistryVersion(packument, previous, `${name}@${previous}`, { config: ctx.config }),
    openRegistryVersion(packument, version, `${name}@${version}`, { config: ctx.config }),
  ]);
  const opened = sides.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    for (const s of sides) if (s.status === 'rejected') throw s.reason;
    const diff = await compare(opened[0]!, opened[1]!, ctx);
    return { diff, name, version, predecessor };
  } finally {
    await Promise.all(opened.map((o) => o.cleanup()));
  }
}

async function compare(from: OpenedRelease, to: OpenedRelease, ctx: CompareContext): Promise<ReleaseDiff> {
  const dependencyFacts = ctx.config ? await factsOfNewDependencies(from.side, to.side, ctx.config) : undefined;
  const diff = await diffRelease(from.side, to.side, {
    rules: ctx.rules,
    analyze: analyzeOnDisk(new Map([from, to].map((o) => [o.side, o.dir])), ctx.rules),
    now: ctx.now,
    popularNames: popularNames(),
    ...(dependencyFacts ? { dependencyFacts } : {}),
  });
  if (to.problems.length === 0) return diff;
  // An archive entry the extraction refused is itself a reason: no innocent tarball has one.
  const refused = to.problems.map((p) => `the tarball of ${diff.labels.to} has an entry that was refused: ${p.message}`);
  return { ...diff, verdict: diff.verdict === 'clean' ? 'suspicious' : diff.verdict, score: Math.max(diff.score, 40), reasons: [...refused, ...diff.reasons] };
}

/** Below this many bytes of files to analyze, starting worker threads costs more than it saves. */
const WORKER_BYTES = 4 * 2 ** 20;
/** Parts per worker: small enough that the last part to finish does not hold up the rest for long. */
const PARTS_PER_WORKER = 4;

/**
 * The diff's engine runs, from the releases' files on disk: in this thread for a small release,
 * split into parts of about equal size over this thread and one worker thread per other core for
 * a big one (a 50 MB release is mostly changed files to parse).
 */
function analyzeOnDisk(dirs: ReadonlyMap<ReleaseSide, string>, rules: readonly Rule[]): NonNullable<DiffOptions['analyze']> {
  const ruleIds = rules.map((r) => r.meta.id);
  return async (side, files) => {
    const dir = dirs.get(side)!;
    const sized: SizedFile[] = files.map((file) => ({ file, bytes: statSync(join(dir, file), { throwIfNoEntry: false })?.size ?? 0 }));
    const total = sized.reduce((sum, f) => sum + f.bytes, 0);
    const workers = availableParallelism();
    if (total < WORKER_BYTES || workers < 2) return analyzeDir(dir, side.label, ruleIds, { files });
    const jobs = splitFiles(sized, workers * PARTS_PER_WORKER).map((p) => ({ dir, display: side.label, ...p }));
    const results: PackageAnalysis[] = [];
    await analyzeOnWorkers(jobs, { count: workers - 1, here: true, rules: ruleIds, onResult: (i, r) => void (results[i] = r) });
    return mergeAnalyses(results);
  };
}

/** Dependency kinds a consumer installs with the package. */
const INSTALLED = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * What the registry says about each dependency `to` adds (when it was created, how many
 * versions): a young dependency with a typo-like name is the typosquat pattern. A lookup that
 * fails for another reason than "no such package" leaves that dependency without facts.
 */
async function factsOfNewDependencies(from: ReleaseSide, to: ReleaseSide, config: NpmConfig): Promise<Map<string, DependencyFacts>> {
  const names = (side: ReleaseSide) => new Set(INSTALLED.flatMap((kind) => Object.keys(recordOf(side.manifest?.[kind]))));
  const before = names(from);
  const added = [...names(to)].filter((n) => !before.has(n));
  const facts = new Map<string, DependencyFacts>();
  await Promise.all(
    added.map(async (name) => {
      try {
        const p = await fetchPackument(name, { config, full: true });
        facts.set(name, { name, exists: true, versions: Object.keys(p.versions).length, ...(p.time['created'] ? { createdAt: p.time['created'] } : {}) });
      } catch (e) {
        if (isToolError(e) && e.code === ErrorCodes.notFound) facts.set(name, { name, exists: false });
        else if (!isToolError(e)) throw e;
      }
    }),
  );
  return facts;
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

let popular: readonly string[] | undefined;

/** data/popular-packages.json: the names a new dependency may be a typo of. */
function popularNames(): readonly string[] {
  if (popular) return popular;
  const file = installPath('data', 'popular-packages.json');
  const hint = 'reinstall chainwatch: a data file it ships is damaged';
  const fail: Fail = (where, problem) => {
    throw new ToolError(ErrorCodes.format, `${file}: ${where || 'the file'} ${problem}`, { hint });
  };
  const doc = object(parseDataJson(readFileSync(file, 'utf8'), file, hint), '', fail);
  return (popular = array(doc['names'], 'names', fail).map((n, i) => text(n, `names[${i}]`, 214, fail)));
}

function configLoader(opts: { cwd: string; env: Readonly<Record<string, string | undefined>> }): ConfigLoader {
  let loaded: Promise<NpmConfig> | undefined;
  return () => (loaded ??= loadNpmConfig({ cwd: opts.cwd, env: opts.env }));
}

