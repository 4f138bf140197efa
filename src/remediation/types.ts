import type { EdgeType, PackageManager } from '../core/index.js';
import type { Advisory } from '../advisories/index.js';

/**
 * The version a compromised package should move to. `inRange`: every dependent's declared range
 * allows it, so the override only steers a resolution the ranges already permit; otherwise it
 * forces a version outside some dependent's range (the last clean one before the incident).
 */
export interface FixTarget {
  version: string;
  inRange: boolean;
}

/** A published version as the chooser sees it: publish time when the source knows it (the registry does, a lockfile does not). */
export interface VersionCandidate {
  version: string;
  /** ISO 8601. */
  publishedAt?: string;
}

/** A project importer (root '' or a workspace path) that declares the package itself. */
export interface DirectDeclaration {
  /** Importer path relative to the project root; '' is the root. */
  importer: string;
  /** The package.json section that declares it. */
  section: DependencySection;
  /** The key in that section: the package name, or the alias an `npm:` specifier installs it as. */
  key: string;
  /** The declared specifier as written. */
  spec: string;
}

export type DependencySection = 'dependencies' | 'devDependencies' | 'optionalDependencies';

/** Every affected instance of one package name in one project's graph, with what planning needs to know about it. */
export interface Hit {
  name: string;
  /** Affected versions installed, ascending. */
  versions: string[];
  /** Every advisory known for the name (affected or not): a target must be clean for all of them. */
  advisories: readonly Advisory[];
  /** The advisories that cover an installed version, for the report. */
  affecting: readonly Advisory[];
  /** What every dependent of an affected instance declared (aliases stripped to their range). */
  ranges: string[];
  /** Importers that declare the package themselves (its declared version changes there). */
  direct: DirectDeclaration[];
  /** Some affected instance is a dependency of another package (it needs an override). */
  transitive: boolean;
  /** Versions of the name elsewhere in the graph: offline, they are candidates too. */
  otherVersions: string[];
}

/** One edit the fix makes. */
export type PlannedChange =
  /** `others`: clean copies of the name stay in the tree (on other versions), which the override must leave alone. */
  | { kind: 'override'; name: string; from: string[]; to: string; inRange: boolean; others: boolean }
  | { kind: 'declared'; importer: string; section: DependencySection; key: string; name: string; fromSpec: string; toSpec: string; from: string[]; inRange: boolean };

/** Where a project's package manager reads overrides from. */
export type OverrideStyle = 'npm-overrides' | 'yarn-resolutions' | 'pnpm-package-json' | 'pnpm-workspace-yaml' | 'bun-overrides';

export type { EdgeType, PackageManager };
