import type { EdgeType, PackageManager, PackageRef, PackageSource, SourceLocation } from '../core/index.js';

/** The root project or a workspace: it declares dependencies, it is not a dependency. */
export interface Importer {
  readonly kind: 'importer';
  readonly key: string;
  /** Directory relative to the lockfile's directory; '' is the root. */
  readonly path: string;
  readonly name?: string;
  readonly version?: string;
}

/** One installed (or lockfile-resolved) instance of a package. Several may share name@version. */
export interface PkgNode extends PackageRef {
  readonly kind: 'package';
  readonly key: string;
  readonly source: PackageSource;
  readonly resolved?: string;
  readonly integrity?: string;
  /** Names dependents use for it other than its real name (`npm:` aliases), sorted. */
  readonly aliases: readonly string[];
  /** Reachable from importers only through devDependencies. */
  readonly dev: boolean;
  /** Reachable only through optional (or optional peer) edges. */
  readonly optional: boolean;
  /** Reachable only through peer edges. */
  readonly peer: boolean;
  readonly bundled: boolean;
  readonly hasInstallScript: boolean;
  /** Not reachable from any importer at all (stale lockfile entry, leftover in node_modules). */
  readonly extraneous: boolean;
  readonly location?: SourceLocation;
}

export type Vertex = Importer | PkgNode;

export interface Edge {
  readonly from: Vertex;
  /** null when the dependency is not resolved (skipped optional, missing from the lockfile). */
  readonly to: Vertex | null;
  /** The name the dependent uses (the alias for `npm:` aliases). */
  readonly name: string;
  /** The declared range or specifier, as written. */
  readonly spec: string;
  readonly type: EdgeType;
  /** MISSING: a required dependency the lockfile does not resolve. */
  readonly problem?: 'MISSING';
}

/** A dependency path: edges from an importer to the target, in order. */
export type DependencyPath = readonly Edge[];

export interface PackageGraph {
  readonly manager: PackageManager;
  readonly formatVersion: string;
  readonly importers: readonly Importer[];
  nodes(): Iterable<PkgNode>;
  get(key: string): Vertex | undefined;
  /** Nodes whose real name is `name` (aliases are not names: see byAlias). */
  byName(name: string): readonly PkgNode[];
  /** Nodes a dependent refers to as `alias`. */
  byAlias(alias: string): readonly PkgNode[];
  edgesOut(v: Vertex): readonly Edge[];
  edgesIn(v: Vertex): readonly Edge[];
}
