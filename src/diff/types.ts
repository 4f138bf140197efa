import type { Finding, Manifest, PackageAnalysis, Rule, Verdict } from '../analysis/index.js';

/**
 * The release diff's vocabulary. Two sides come in (each a package's files behind a reader, its
 * manifest and, when it came from a registry, what the registry says about its publication); one
 * `ReleaseDiff` goes out. Nothing here touches the network or the disk: the app builds the sides.
 */

export interface Person {
  name: string;
  email?: string;
}

/** One release as the caller read it: a registry version, a `.tgz` or a directory. */
export interface ReleaseSide {
  name: string;
  version: string | null;
  /** As the user gave it: `chalk@5.6.0`, `./new`, `old.tgz`. */
  label: string;
  /** package.json (untrusted JSON). */
  manifest: Manifest | null;
  /** Every package-relative '/'-path. */
  files: readonly string[];
  /** Files whose head is ELF/PE/Mach-O (analysis `isExecutable`). */
  executables: readonly string[];
  /** A file's bytes; undefined when absent or unreadable. */
  readFile(path: string): Buffer | undefined;
  /** Present when the side came from a registry. */
  registry?: RegistryVersionInfo;
}

export interface RegistryVersionInfo {
  /** ISO time this version was published. */
  publishedAt?: string;
  /** `_npmUser`. */
  publisher?: Person;
  maintainers: readonly Person[];
  /** `null`: published without an attestation; undefined: not known. */
  provenance?: { sourceRepository?: string; workflow?: string } | null;
  unpackedSize?: number;
  /** The package's dist-tags now. */
  distTags?: Readonly<Record<string, string>>;
  /** The packument's `time` (version -> ISO; `created`/`modified` are ignored), for the release cadence. */
  versionTimes?: Readonly<Record<string, string>>;
}

/** What the caller found out about a dependency the new release adds (the app asks the registry). */
export interface DependencyFacts {
  name: string;
  /** ISO time the package was first published. */
  createdAt?: string;
  /** How many versions it has. */
  versions?: number;
  exists: boolean;
}

export interface DiffOptions {
  rules: readonly Rule[];
  /**
   * Runs the detection engine over one side's `files` (the manifest hooks over the whole package):
   * default in this thread with `rules`; the app passes one that uses worker threads for big releases.
   */
  analyze?: (side: ReleaseSide, files: readonly string[]) => Promise<PackageAnalysis>;
  /** "Now" for ages (a dependency created 2 days ago): passed in so the diff stays deterministic. */
  now: Date;
  /** Facts per new dependency name; a dependency without facts gets only the checks that need none. */
  dependencyFacts?: ReadonlyMap<string, DependencyFacts>;
  /** Names a new dependency may be a typo of (`data/popular-packages.json`, loaded by the caller). */
  popularNames?: readonly string[];
  /** Unchanged lines around each change in the patches (default 3). */
  contextLines?: number;
  /** All patch text together is cut at this many bytes (default 256 KiB). */
  maxPatchBytes?: number;
}

export type DiffVerdict = Verdict;

export interface FileDelta {
  added: string[];
  removed: string[];
  changed: string[];
  /** Added files whose bytes equal a removed file's: a move, listed in `added` and `removed` too. */
  renamed: { from: string; to: string }[];
}

export type InstallHook = 'preinstall' | 'install' | 'postinstall' | 'prepare';

export interface ScriptChange {
  hook: InstallHook;
  change: 'added' | 'changed' | 'removed';
  from?: string;
  to?: string;
  /** npm's implicit `node-gyp rebuild` install for a package with `binding.gyp` and no install script. */
  implicit?: boolean;
}

/** Dependency kinds npm installs with the package (dev dependencies are not installed by consumers). */
export type DependencyKind = 'dependencies' | 'optionalDependencies' | 'peerDependencies';

export type DependencyFlag = 'young' | 'few-versions' | 'typo-like' | 'nonexistent' | 'non-registry';

export interface NewDependency {
  name: string;
  spec: string;
  kind: DependencyKind;
  flags: DependencyFlag[];
  /** The popular package the name is one typo away from, when `typo-like`. */
  typoOf?: string;
  /** Age in days at `now`, when the caller knew when it was created. */
  ageDays?: number;
  facts?: DependencyFacts;
}

export interface DependencyDelta {
  added: NewDependency[];
  removed: { name: string; kind: DependencyKind; spec: string }[];
  changed: { name: string; kind: DependencyKind; from: string; to: string }[];
}

export type ManifestField = 'repository' | 'bin' | 'main' | 'exports' | 'files';

export interface FieldChange {
  field: ManifestField;
  /** The field's value on each side (undefined: absent), as JSON. */
  from: unknown;
  to: unknown;
}

export interface SizeChange {
  from: number;
  to: number;
  /** to - from. */
  bytes: number;
  /** to / from; null when `from` is 0. */
  ratio: number | null;
  /** `registry` when both sides carry `dist.unpackedSize`, else the sum of the files' sizes. */
  source: 'registry' | 'files';
  jump: boolean;
}

export interface Cadence {
  publishedAt: string | null;
  /** The release published just before `to` (from the version times, else `from`'s publish time). */
  previousVersion: string | null;
  previousPublishedAt: string | null;
  sincePreviousMs: number | null;
  /** Median gap between the releases before `to`; null with fewer than 4 gaps to judge by. */
  medianGapMs: number | null;
  breaks: 'after-dormancy' | 'unusually-soon' | null;
}

export interface DistTagDelta {
  /** Tags that point at `to` / `from` now. */
  onTo: string[];
  onFrom: string[];
  /** Tags whose target differs between the two sides' dist-tag maps (both known). */
  moved: { tag: string; from: string | null; to: string | null }[];
}

export interface PublisherDelta {
  from: Person | null;
  to: Person | null;
  changed: boolean;
  /** Whether `to`'s publisher was a maintainer (or the publisher) of `from`; null when unknown. */
  knownMaintainer: boolean | null;
}

export interface ProvenanceDelta {
  /** undefined: not known; null: none. */
  from: { sourceRepository?: string; workflow?: string } | null | undefined;
  to: { sourceRepository?: string; workflow?: string } | null | undefined;
  lost: boolean;
  /** Both have provenance, naming a different repository or workflow. */
  changed: boolean;
}

export interface MetadataDelta {
  /** Null when either side has no registry information. */
  publisher: PublisherDelta | null;
  maintainers: { added: Person[]; removed: Person[] } | null;
  provenance: ProvenanceDelta | null;
  installScripts: ScriptChange[];
  dependencies: DependencyDelta;
  fields: FieldChange[];
  size: SizeChange;
  cadence: Cadence | null;
  distTags: DistTagDelta | null;
}

export interface CodeDelta {
  /** Executables (ELF/PE/Mach-O) in `to` that `from` did not have. */
  newExecutables: string[];
  /** Executables at the same path whose bytes changed. */
  changedExecutables: string[];
  /** Added or changed JavaScript that is minified or obfuscated, when `from` had none such. */
  newBlobs: { path: string; bytes: number; longestLine: number; obfuscated: boolean }[];
  /** How many files the engine read on each side. */
  analyzed: { from: number; to: number };
}

export interface FilePatch {
  path: string;
  status: 'added' | 'removed' | 'changed';
  /** Binary on either side: reported by size, not diffed. */
  binary: boolean;
  oldSize: number | null;
  newSize: number | null;
  /** Changed lines; null when not diffed. */
  additions: number | null;
  deletions: number | null;
  /** The unified diff (long lines cut around the change); absent when not shown. */
  text?: string;
  /** Why `text` is absent or short: `budget` (maxPatchBytes reached), `too-many-changes`, `cut` (shortened to its share). */
  omitted?: 'binary' | 'budget' | 'too-many-changes' | 'unreadable' | 'cut';
}

export interface PatchSummary {
  bytes: number;
  maxBytes: number;
  /** Some patch text was left out or cut for the budget. */
  truncated: boolean;
  /** Files whose patch was left out for the budget. */
  omittedFiles: number;
}

export type SignalId =
  | 'code-malicious'
  | 'code-suspicious'
  | 'install-script-flagged'
  | 'install-script-added'
  | 'install-script-changed'
  | 'publisher-unknown'
  | 'publisher-changed'
  | 'provenance-lost'
  | 'provenance-changed'
  | 'maintainers-changed'
  | 'dependency-typo-young'
  | 'dependency-nonexistent'
  | 'dependency-typo'
  | 'dependency-young'
  | 'dependency-few-versions'
  | 'dependency-non-registry'
  | 'new-executable'
  | 'changed-executable'
  | 'new-blob'
  | 'size-jump'
  | 'cadence-break'
  | 'repository-changed'
  | 'entry-points-changed';

/** One thing that moved the score: see README.md for the table. */
export interface Signal {
  id: SignalId;
  /** What the signal alone makes the release: `info` only adds to the score. */
  level: DiffVerdict | 'info';
  weight: number;
  reason: string;
}

export interface ReleaseDiff {
  name: string;
  /** Each side's version, or its label when it has none. */
  from: string;
  to: string;
  labels: { from: string; to: string };
  verdict: DiffVerdict;
  /** 0-100: see README.md. */
  score: number;
  /** Short sentences, strongest first. */
  reasons: string[];
  signals: Signal[];
  files: FileDelta;
  /** Findings of the detection engine that are new in `to`. */
  findings: Finding[];
  metadata: MetadataDelta;
  code: CodeDelta;
  patches: FilePatch[];
  patchSummary: PatchSummary;
}
