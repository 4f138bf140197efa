import { join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { ErrorCodes, ToolError, type PackageManager, type Severity } from '../core/index.js';
import { dedupeAdvisories, type Advisory, type AdvisoryIndex } from '../advisories/index.js';
import type { PackageGraph } from '../graph/index.js';
import { releaseAgeFor, type GatePolicy } from '../gate/index.js';
import { loadNpmConfig, type NpmConfig } from '../registry/index.js';
import {
  affectedHits,
  applyChanges,
  chooseTarget,
  manifestOf,
  OVERRIDE_WRITERS,
  overrideStyle,
  parseManifest,
  planChanges,
  pnpmWorkspaceHasOverrides,
  type Hit,
  type OverrideStyle,
  type PlannedChange,
} from '../remediation/index.js';
import { discoverTargets, displayPath, type Target } from './discover.js';
import { assertWritable, readOptional, writeAtomic } from './fix-files.js';
import { relockCommands, runRelock, type CommandRun, type RelockCommand } from './fix-relock.js';
import { candidateVersions } from './fix-versions.js';
import { readProject } from './inventory.js';
import { nodeFs } from './node-fs.js';
import { advisoryIds, bySeverityThenId } from './scan-findings.js';

export interface FixOptions {
  paths: readonly string[];
  cwd: string;
  /** The environment the package manager and npm's configuration see. */
  env: Readonly<Record<string, string | undefined>>;
  ignore?: readonly string[];
  /** Where advisories come from, curated first; see advisorySources(). */
  indexes: readonly AdvisoryIndex[];
  /** The release-age policy (`minimumReleaseAge`) a target version must pass. */
  policy: GatePolicy;
  /** Versions only from the lockfile and the advisory data: no registry. */
  offline: boolean;
  /** Plan and diff only: no file is written, no package manager runs. */
  dryRun: boolean;
  /** After writing, run the package manager to update the lockfile, then read it again. */
  relock: boolean;
  now?: Date;
  /** Told what long step starts (a package manager relocking a project), for a progress line. */
  onProgress?: (message: string) => void;
  /** Runs the package manager (tests inject one); default spawns it from the environment's PATH. */
  runCommand?: (cmd: RelockCommand, cwd: string, env: FixOptions['env']) => Promise<CommandRun>;
}

/** The result every `fix` renderer takes. Paths are display paths (relative to the working directory). */
export interface FixResult {
  dryRun: boolean;
  relock: boolean;
  offline: boolean;
  projects: FixProject[];
  summary: FixSummary;
}

export interface FixProject {
  path: string;
  lockfile: string;
  manager: PackageManager | null;
  /** Where overrides go for this project's package manager; null without hits. */
  overrideFile: string | null;
  fixes: FixEntry[];
  /** Each changed file with its unified diff; empty when nothing needs to change. */
  files: { path: string; diff: string }[];
  /** The files were written (false on a dry run, and when nothing changed). */
  written: boolean;
  relock: RelockResult | null;
  /** The lockfile could not be read; nothing else was done for the project. */
  error: { code: string; message: string; hint: string | null } | null;
}

export interface FixEntry {
  name: string;
  /** The affected versions the lockfile has. */
  from: string[];
  ids: string[];
  severity: Severity;
  kind: 'malicious' | 'vulnerable';
  /** The target version; null when no clean version was found. */
  to: string | null;
  /** Every dependent's range allows `to`. */
  inRange: boolean | null;
  /** How the project is changed: declared versions of direct dependencies, an override, or both. */
  changes: ('declared' | 'override')[];
  /** Where the candidate versions came from. */
  versions: 'registry' | 'offline';
  note: string | null;
}

export interface RelockResult {
  command: string;
  exitCode: number | null;
  /** The client's output when it failed. */
  output: string | null;
  /** Affected versions the lockfile still has after it ran. */
  remaining: { name: string; versions: string[]; ids: string[] }[];
}

export interface FixSummary {
  projects: number;
  /** Affected package names, per project. */
  hits: number;
  /** Hits with a target version. */
  planned: number;
  /** Hits without one. */
  unfixable: number;
  filesChanged: number;
  /** Affected names left after --relock (null without it). */
  remaining: number | null;
}

interface PlannedProject {
  project: FixProject;
  target: Target;
  writes: { file: string; shown: string; before: string | null; after: string }[];
}

/**
 * `chainwatch fix`: every affected package of every project moved to a safe version, in the
 * form the project's package manager reads (see remediation/). Every project is planned and every
 * file read, parsed and checked writable before the first one is written, so an error leaves
 * everything as it was. With `relock`, the package manager then updates each lockfile (scripts
 * off) and the lockfile is read again to say what remains.
 */
export async function fix(opts: FixOptions): Promise<FixResult> {
  const targets = (await discoverTargets(opts.paths, { fs: nodeFs, cwd: opts.cwd, installed: false, ignore: opts.ignore ?? [] })).filter((t) => t.kind === 'lockfile');
  const show = (p: string) => displayPath(p, opts.cwd);
  const now = (opts.now ?? new Date()).getTime();
  const planned: PlannedProject[] = [];
  for (const target of targets) planned.push(await planProject(target, opts, show, now));

  const writes = planned.flatMap((p) => p.writes);
  if (!opts.dryRun) {
    for (const w of writes) await assertWritable(w.file, w.shown);
    for (const w of writes) await writeAtomic(w.file, w.after);
    for (const p of planned) p.project.written = p.writes.length > 0;
  }
  if (opts.relock && !opts.dryRun) {
    for (const p of planned) {
      if (p.project.fixes.length === 0 || !p.project.manager) continue;
      p.project.relock = await relock(p.target, p.project, p.project.manager, opts);
    }
  }
  const projects = planned.map((p) => p.project);
  const fixes = projects.flatMap((p) => p.fixes);
  return {
    dryRun: opts.dryRun,
    relock: opts.relock,
    offline: opts.offline,
    projects,
    summary: {
      projects: projects.length,
      hits: fixes.length,
      planned: fixes.filter((f) => f.to !== null).length,
      unfixable: fixes.filter((f) => f.to === null).length,
      filesChanged: writes.length,
      remaining: opts.relock && !opts.dryRun ? projects.reduce((n, p) => n + (p.relock?.remaining.length ?? 0), 0) : null,
    },
  };
}

async function planProject(target: Target, opts: FixOptions, show: (p: string) => string, now: number): Promise<PlannedProject> {
  const project: FixProject = { path: show(target.root), lockfile: show(target.path), manager: null, overrideFile: null, fixes: [], files: [], written: false, relock: null, error: null };
  const read = await readProject(target, nodeFs);
  if (!read.ok) {
    const { code, message, hint } = read.error;
    return { project: { ...project, error: { code, message, hint: hint ?? null } }, target, writes: [] };
  }
  const { graph } = read;
  project.manager = graph.manager;
  const hits = affectedHits(graph, advisoriesFor(opts.indexes, graph));
  if (hits.length === 0) return { project, target, writes: [] };

  // The files a fix may change, read and parsed first: a broken one stops everything.
  const files = new Map<string, string | null>();
  const load = async (rel: string) => {
    if (!files.has(rel)) files.set(rel, await readOptional(join(target.root, rel), show(join(target.root, rel))));
    return files.get(rel)!;
  };
  const rootManifest = await load('package.json');
  if (rootManifest === null) throw new ToolError(ErrorCodes.io, `${show(join(target.root, 'package.json'))}: missing beside ${project.lockfile}; nothing was changed`);
  const manifest = parseManifest(rootManifest, show(join(target.root, 'package.json')));
  const workspaceYaml = graph.manager === 'pnpm' ? await load('pnpm-workspace.yaml') : null;
  const style: OverrideStyle = overrideStyle({ manager: graph.manager, manifest, workspaceYamlHasOverrides: workspaceYaml !== null && pnpmWorkspaceHasOverrides(workspaceYaml) });
  project.overrideFile = show(join(target.root, OVERRIDE_WRITERS[style].file));

  const config: NpmConfig | null = opts.offline ? null : await loadNpmConfig({ cwd: target.root, env: opts.env });
  const changes: PlannedChange[] = [];
  for (const hit of hits) {
    const { candidates, source, note } = await candidateVersions(hit, config);
    const chosen = chooseTarget({
      name: hit.name,
      affected: hit.versions,
      advisories: hit.advisories,
      candidates,
      ranges: hit.ranges,
      releaseAgeMs: releaseAgeFor(hit.name, opts.policy),
      now,
    });
    const hitChanges = chosen ? planChanges(hit, chosen) : [];
    changes.push(...hitChanges);
    const none = source === 'registry' ? 'no published version is clean and old enough for the release-age policy' : 'the lockfile and the advisory data name no clean version (ask the registry: drop --offline)';
    project.fixes.push(entry(hit, chosen, hitChanges, source, chosen ? (note ?? null) : [note, none].filter(Boolean).join('; ')));
  }
  for (const c of changes) {
    if (c.kind !== 'declared') continue;
    const rel = manifestOf(c.importer);
    const text = await load(rel);
    if (text === null) throw new ToolError(ErrorCodes.io, `${show(join(target.root, rel))}: missing; nothing was changed`);
    parseManifest(text, show(join(target.root, rel)));
  }
  const after = applyChanges(style, changes, files);
  const writes = [...after].map(([rel, text]) => ({ file: join(target.root, rel), shown: show(join(target.root, rel)), before: files.get(rel) ?? null, after: text }));
  project.files = writes.map((w) => ({
    path: w.shown,
    diff: createTwoFilesPatch(w.before === null ? '/dev/null' : `a/${w.shown}`, `b/${w.shown}`, w.before ?? '', w.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }),
  }));
  return { project, target, writes };
}

function entry(hit: Hit, chosen: { version: string; inRange: boolean } | null, changes: PlannedChange[], source: 'registry' | 'offline', note: string | null): FixEntry {
  const affecting = [...hit.affecting].sort(bySeverityThenId);
  return {
    name: hit.name,
    from: hit.versions,
    ids: advisoryIds(affecting),
    severity: affecting[0]!.severity,
    kind: affecting.some((a) => a.kind === 'malware') ? 'malicious' : 'vulnerable',
    to: chosen?.version ?? null,
    inRange: chosen?.inRange ?? null,
    changes: [...new Set(changes.map((c) => c.kind))].sort(),
    versions: source,
    note,
  };
}

async function relock(target: Target, project: FixProject, manager: PackageManager, opts: FixOptions): Promise<RelockResult> {
  const names = project.fixes.filter((f) => f.to !== null).map((f) => f.name);
  const commands = relockCommands(manager, names);
  let ran: CommandRun = { code: 0, output: '' };
  for (const cmd of commands) {
    opts.onProgress?.(`${project.path}: ${[cmd.file, ...cmd.args].join(' ')}`);
    ran = await (opts.runCommand ?? runRelock)(cmd, target.root, opts.env);
    if (ran.code !== 0) break;
  }
  const shown = commands.map((c) => [c.file, ...c.args].join(' ')).join(' && ');
  const read = await readProject(target, nodeFs);
  if (!read.ok) throw new ToolError(read.error.code, `${displayPath(target.path, opts.cwd)}: unreadable after \`${shown}\`: ${read.error.message}`);
  const remaining = affectedHits(read.graph, advisoriesFor(opts.indexes, read.graph)).map((h) => ({
    name: h.name,
    versions: h.versions,
    ids: advisoryIds([...h.affecting].sort(bySeverityThenId)),
  }));
  return { command: shown, exitCode: ran.code, output: ran.code === 0 ? null : ran.output, remaining };
}

/** Every advisory known for each package name of the graph (the sources' lists merged, duplicates dropped). */
function advisoriesFor(indexes: readonly AdvisoryIndex[], graph: PackageGraph): Map<string, Advisory[]> {
  const names = new Set<string>();
  for (const n of graph.nodes()) names.add(n.name);
  const out = new Map<string, Advisory[]>();
  for (const found of indexes.map((i) => i.lookup(names))) {
    for (const [name, list] of found) if (list.length) out.set(name, [...(out.get(name) ?? []), ...list]);
  }
  for (const [name, list] of out) out.set(name, dedupeAdvisories(list));
  return out;
}
