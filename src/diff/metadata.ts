import type { Manifest } from '../analysis/index.js';
import type { SideFiles } from './files.js';
import { isTypoOf, popularIndex } from './typo.js';
import type {
  Cadence,
  DependencyDelta,
  DependencyFacts,
  DependencyFlag,
  DependencyKind,
  DistTagDelta,
  FieldChange,
  InstallHook,
  ManifestField,
  MetadataDelta,
  NewDependency,
  Person,
  ProvenanceDelta,
  PublisherDelta,
  ReleaseSide,
  ScriptChange,
  SizeChange,
} from './types.js';

const DAY = 24 * 60 * 60 * 1000;
/** A dependency younger than this at `now` has had no time to be looked at by anyone. */
const YOUNG_DAYS = 7;
/** A package with fewer versions than this is new or abandoned: no history to trust. */
const FEW_VERSIONS = 3;
/** Lifecycle scripts npm runs when the package is installed (`prepare` for git dependencies). */
const INSTALL_HOOKS: readonly InstallHook[] = ['preinstall', 'install', 'postinstall', 'prepare'];
const DEPENDENCY_KINDS: readonly DependencyKind[] = ['dependencies', 'optionalDependencies', 'peerDependencies'];
const FIELDS: readonly ManifestField[] = ['repository', 'bin', 'main', 'exports', 'files'];
/** Size jump: the package at least doubled and grew by this much. */
const JUMP_RATIO = 2;
const JUMP_BYTES = 200 * 1024;
/** Cadence: judged only with this many earlier gaps; dormant past this many median gaps (and 90 days). */
const MIN_GAPS = 4;
const DORMANT_FACTOR = 6;
const DORMANT_MIN = 90 * DAY;
/** Unusually soon: under 1/24 of the median gap and under 6 hours (a burst of releases). */
const SOON_FACTOR = 24;
const SOON_MAX = 6 * 60 * 60 * 1000;

export interface MetadataInput {
  now: Date;
  dependencyFacts?: ReadonlyMap<string, DependencyFacts>;
  popularNames?: readonly string[];
}

/** What changed about the release outside its code: who published it, how, what it installs. */
export function metadataDelta(from: SideFiles, to: SideFiles, opts: MetadataInput): MetadataDelta {
  const a = from.side;
  const b = to.side;
  return {
    publisher: publisherDelta(a, b),
    maintainers: maintainersDelta(a, b),
    provenance: provenanceDelta(a, b),
    installScripts: scriptChanges(installScripts(a), installScripts(b)),
    dependencies: dependencyDelta(a.manifest, b.manifest, opts),
    fields: fieldChanges(a.manifest, b.manifest),
    size: sizeChange(from, to),
    cadence: cadence(a, b),
    distTags: distTagDelta(a, b),
  };
}

function samePerson(a: Person, b: Person): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase();
}

function publisherDelta(a: ReleaseSide, b: ReleaseSide): PublisherDelta | null {
  if (!a.registry || !b.registry) return null;
  const from = a.registry.publisher ?? null;
  const to = b.registry.publisher ?? null;
  const known = [...a.registry.maintainers, ...(from ? [from] : [])];
  return {
    from,
    to,
    changed: from !== null && to !== null && !samePerson(from, to),
    knownMaintainer: to === null ? null : known.some((p) => samePerson(p, to)),
  };
}

function maintainersDelta(a: ReleaseSide, b: ReleaseSide): MetadataDelta['maintainers'] {
  if (!a.registry || !b.registry) return null;
  const before = a.registry.maintainers;
  const after = b.registry.maintainers;
  return {
    added: after.filter((p) => !before.some((q) => samePerson(p, q))),
    removed: before.filter((p) => !after.some((q) => samePerson(p, q))),
  };
}

function provenanceDelta(a: ReleaseSide, b: ReleaseSide): ProvenanceDelta | null {
  if (!a.registry || !b.registry) return null;
  const from = a.registry.provenance;
  const to = b.registry.provenance;
  const both = from && to;
  return {
    from,
    to,
    lost: Boolean(from) && to === null,
    changed: Boolean(
      both &&
        ((from.sourceRepository !== undefined && to.sourceRepository !== undefined && from.sourceRepository !== to.sourceRepository) ||
          (from.workflow !== undefined && to.workflow !== undefined && from.workflow !== to.workflow)),
    ),
  };
}

/**
 * The install-time scripts npm would run, by hook. A package with `binding.gyp` and neither an
 * `install` nor a `preinstall` script gets `install: node-gyp rebuild` from npm itself.
 */
export function installScripts(side: Pick<ReleaseSide, 'manifest' | 'files'>): Map<InstallHook, { command: string; implicit: boolean }> {
  const out = new Map<InstallHook, { command: string; implicit: boolean }>();
  const scripts = record(side.manifest?.['scripts']);
  for (const hook of INSTALL_HOOKS) {
    const command = scripts[hook];
    if (typeof command === 'string' && command.trim()) out.set(hook, { command, implicit: false });
  }
  if (!out.has('install') && !out.has('preinstall') && side.files.includes('binding.gyp') && side.manifest?.['gypfile'] !== false) {
    out.set('install', { command: 'node-gyp rebuild', implicit: true });
  }
  return out;
}

function scriptChanges(before: ReturnType<typeof installScripts>, after: ReturnType<typeof installScripts>): ScriptChange[] {
  const out: ScriptChange[] = [];
  for (const hook of INSTALL_HOOKS) {
    const a = before.get(hook);
    const b = after.get(hook);
    const implicit = (b ?? a)?.implicit ? { implicit: true } : {};
    if (!a && b) out.push({ hook, change: 'added', to: b.command, ...implicit });
    else if (a && !b) out.push({ hook, change: 'removed', from: a.command, ...implicit });
    else if (a && b && a.command !== b.command) out.push({ hook, change: 'changed', from: a.command, to: b.command, ...implicit });
  }
  return out;
}

function dependencyDelta(before: Manifest | null, after: Manifest | null, opts: MetadataInput): DependencyDelta {
  const old = dependencies(before);
  const now = dependencies(after);
  const oldNames = new Set(old.map((d) => d.name));
  const index = opts.popularNames?.length ? popularIndex(opts.popularNames) : null;
  const added: NewDependency[] = [];
  const changed: DependencyDelta['changed'] = [];
  for (const dep of now) {
    const was = old.find((d) => d.name === dep.name && d.kind === dep.kind) ?? old.find((d) => d.name === dep.name);
    if (was) {
      if (was.spec !== dep.spec || was.kind !== dep.kind) changed.push({ name: dep.name, kind: dep.kind, from: was.spec, to: dep.spec });
      continue;
    }
    if (oldNames.has(dep.name) || added.some((d) => d.name === dep.name)) continue;
    added.push(newDependency(dep, opts, index));
  }
  const newNames = new Set(now.map((d) => d.name));
  const removed = old.filter((d) => !newNames.has(d.name));
  return { added, removed, changed };
}

function newDependency(dep: { name: string; spec: string; kind: DependencyKind }, opts: MetadataInput, index: ReturnType<typeof popularIndex> | null): NewDependency {
  const flags: DependencyFlag[] = [];
  const facts = opts.dependencyFacts?.get(dep.name);
  let ageDays: number | undefined;
  if (facts?.exists === false) flags.push('nonexistent');
  if (facts?.createdAt !== undefined) {
    const created = Date.parse(facts.createdAt);
    if (!Number.isNaN(created)) {
      ageDays = Math.max(0, (opts.now.getTime() - created) / DAY);
      if (ageDays < YOUNG_DAYS) flags.push('young');
    }
  }
  if (facts?.versions !== undefined && facts.exists && facts.versions < FEW_VERSIONS) flags.push('few-versions');
  // An npm: alias installs another package under this name: both names can be the typo.
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)/.exec(dep.spec)?.[1];
  const typoOf = index ? (isTypoOf(dep.name, index) ?? (alias ? isTypoOf(alias, index) : null)) : null;
  if (typoOf) flags.push('typo-like');
  if (nonRegistry(dep.spec)) flags.push('non-registry');
  return {
    ...dep,
    flags,
    ...(typoOf ? { typoOf } : {}),
    ...(ageDays === undefined ? {} : { ageDays: Math.round(ageDays * 10) / 10 }),
    ...(facts ? { facts } : {}),
  };
}

/** A git, URL or file dependency: fetched from wherever the spec says, past the registry's checks. */
function nonRegistry(spec: string): boolean {
  return /^(?:git(?:\+[a-z]+)?:|https?:|file:|link:|github:|gitlab:|bitbucket:|gist:)/i.test(spec) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec);
}

function dependencies(manifest: Manifest | null): { name: string; spec: string; kind: DependencyKind }[] {
  return DEPENDENCY_KINDS.flatMap((kind) =>
    Object.entries(record(manifest?.[kind]))
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([name, spec]) => ({ name, spec, kind })),
  );
}

function fieldChanges(before: Manifest | null, after: Manifest | null): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of FIELDS) {
    const a = normalizeField(field, before?.[field], before);
    const b = normalizeField(field, after?.[field], after);
    if (stableJson(a) !== stableJson(b)) out.push({ field, from: a, to: b });
  }
  return out;
}

/** The forms npm treats as equal are compared as equal: `bin: "x.js"` is `{ [name]: "x.js" }`, `repository: "u"` is `{ url: "u" }`. */
function normalizeField(field: ManifestField, value: unknown, manifest: Manifest | null): unknown {
  if (value === undefined) return undefined;
  if (field === 'bin' && typeof value === 'string') {
    const name = typeof manifest?.['name'] === 'string' ? manifest['name'].replace(/^@[^/]+\//, '') : '';
    return { [name]: value };
  }
  if (field === 'repository' && typeof value === 'string') return { url: value };
  if (field === 'repository' && typeof value === 'object' && value !== null) {
    const r = value as Record<string, unknown>;
    return { url: r['url'], ...(r['directory'] === undefined ? {} : { directory: r['directory'] }) };
  }
  if (field === 'main' && typeof value === 'string') return value.replace(/^\.\//, '');
  return value;
}

function sizeChange(from: SideFiles, to: SideFiles): SizeChange {
  const a = from.side.registry?.unpackedSize;
  const b = to.side.registry?.unpackedSize;
  const registry = a !== undefined && b !== undefined;
  const sum = (side: SideFiles) => side.side.files.reduce((n, p) => n + (side.size(p) ?? 0), 0);
  const before = registry ? a : sum(from);
  const after = registry ? b : sum(to);
  const bytes = after - before;
  const ratio = before > 0 ? Math.round((after / before) * 100) / 100 : null;
  return { from: before, to: after, bytes, ratio, source: registry ? 'registry' : 'files', jump: bytes >= JUMP_BYTES && (ratio === null || ratio >= JUMP_RATIO) };
}

/**
 * How long after the previous release `to` came, against the package's usual gap (the median of
 * the gaps between the releases before it). Both directions are odd: a release after years of
 * silence (an abandoned package taken over) or minutes after the last (a worm republishing).
 */
function cadence(a: ReleaseSide, b: ReleaseSide): Cadence | null {
  const times = b.registry?.versionTimes ?? a.registry?.versionTimes;
  const toAt = b.registry?.publishedAt ?? (b.version ? times?.[b.version] : undefined);
  if (toAt === undefined || Number.isNaN(Date.parse(toAt))) return null;
  const toMs = Date.parse(toAt);
  const releases = Object.entries(times ?? {})
    .filter(([v]) => v !== 'created' && v !== 'modified' && v !== b.version)
    .map(([version, at]) => ({ version, ms: Date.parse(at) }))
    .filter((r) => !Number.isNaN(r.ms) && r.ms < toMs)
    .sort((x, y) => x.ms - y.ms);
  let previous = releases.at(-1) ?? null;
  const fromAt = a.registry?.publishedAt ?? (a.version ? times?.[a.version] : undefined);
  if (!previous && fromAt !== undefined && !Number.isNaN(Date.parse(fromAt)) && Date.parse(fromAt) < toMs) {
    previous = { version: a.version ?? a.label, ms: Date.parse(fromAt) };
  }
  const gaps = releases.slice(1).map((r, i) => r.ms - releases[i]!.ms);
  const median = gaps.length >= MIN_GAPS ? [...gaps].sort((x, y) => x - y)[Math.floor(gaps.length / 2)]! : null;
  const since = previous ? toMs - previous.ms : null;
  let breaks: Cadence['breaks'] = null;
  if (since !== null && median !== null) {
    if (since >= DORMANT_MIN && since >= median * DORMANT_FACTOR) breaks = 'after-dormancy';
    else if (since <= SOON_MAX && since * SOON_FACTOR <= median) breaks = 'unusually-soon';
  }
  return {
    publishedAt: new Date(toMs).toISOString(),
    previousVersion: previous?.version ?? null,
    previousPublishedAt: previous ? new Date(previous.ms).toISOString() : null,
    sincePreviousMs: since,
    medianGapMs: median,
    breaks,
  };
}

function distTagDelta(a: ReleaseSide, b: ReleaseSide): DistTagDelta | null {
  const tagsA = a.registry?.distTags;
  const tagsB = b.registry?.distTags;
  const now = tagsB ?? tagsA;
  if (!now) return null;
  const on = (version: string | null) => (version === null ? [] : Object.keys(now).filter((t) => now[t] === version).sort());
  const moved: DistTagDelta['moved'] = [];
  if (tagsA && tagsB) {
    for (const tag of [...new Set([...Object.keys(tagsA), ...Object.keys(tagsB)])].sort()) {
      const x = tagsA[tag] ?? null;
      const y = tagsB[tag] ?? null;
      if (x !== y) moved.push({ tag, from: x, to: y });
    }
  }
  return { onTo: on(b.version), onFrom: on(a.version), moved };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` compare equal. */
function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
