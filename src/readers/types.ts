import type { Diagnostic, EdgeType, PackageManager, PackageSource, ReadonlyFs, SourceLocation } from '../core/index.js';

/**
 * What one reader extracts from one lockfile (or installed tree), in plain JSON so it can be
 * snapshotted. Readers only translate the format; GraphBuilder (graph/) derives everything else:
 * dev/optional/peer flags from reachability, alias names from edges, edge problems.
 */
export interface RawGraph {
  manager: PackageManager;
  /** The format's own version marker as written: lockfileVersion, __metadata.version, ... */
  formatVersion: string;
  importers: RawImporter[];
  packages: RawPackage[];
  edges: RawEdge[];
}

/** The root project or a workspace: it declares dependencies but is not itself a dependency. */
export interface RawImporter {
  /** Unique among importers and packages of this graph. Conventionally 'importer:<path>'. */
  key: string;
  /** Directory relative to the lockfile's directory, '' for the root, '/'-separated. */
  path: string;
  name?: string;
  version?: string;
}

export interface RawPackage {
  /** Unique within the graph (npm: install location; pnpm: depPath; yarn: resolution). */
  key: string;
  /** The real package name (never the alias). */
  name: string;
  version: string;
  source: PackageSource;
  /** Tarball URL, git URL or file path as the lockfile records it. */
  resolved?: string;
  integrity?: string;
  /** Shipped inside its dependent's tarball (npm bundleDependencies). */
  bundled?: boolean;
  hasInstallScript?: boolean;
  location?: SourceLocation;
}

export interface RawEdge {
  /** Key of an importer or a package. */
  from: string;
  /** Key of a package or importer, or null when the lockfile does not resolve it (skipped optional, missing). */
  to: string | null;
  /** The name the dependent uses: the alias for `npm:` aliases. */
  name: string;
  /** The declared range or specifier exactly as written ('^4.17.0', 'npm:lodash@4.17.15', 'workspace:*'). */
  spec: string;
  type: EdgeType;
}

export interface ReadInput {
  /** Absolute path of the lockfile (or of the node_modules directory for the installed-tree reader). */
  path: string;
  /** Absolute path of the directory that contains it (the project root). */
  root: string;
  fs: ReadonlyFs;
}

export interface ReadResult {
  raw: RawGraph;
  diagnostics: Diagnostic[];
}

export type ReaderId = `${'npm' | 'yarn' | 'pnpm' | 'bun' | 'fs'}/${string}`;

/**
 * One lockfile format. `matches` is cheap and path-only; `read` never throws on a bad entry
 * (it records a Diagnostic and goes on) and throws ToolError when the file is unusable.
 */
export interface LockfileReader {
  readonly id: ReaderId;
  /** Bump when the reader's output changes for the same input. */
  readonly version: number;
  matches(file: { path: string; basename: string }): boolean;
  read(input: ReadInput): Promise<ReadResult>;
}
