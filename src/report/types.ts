import type { Diagnostic, PackageManager, Severity, SourceLocation } from '../core/index.js';

/**
 * What `chainwatch scan` found, for every renderer (text, json, sarif, markdown). Plain data:
 * paths are already display paths (relative to the working directory), nothing refers to a graph.
 * The JSON renderer writes this shape (docs/schemas/scan.schema.json); keys named in the issue
 * (`projects[].path`, `lockfile`, `findings[].name`, `version`, `ids`, `severity`, `paths`) stay stable.
 */
export interface ScanReport {
  tool: { name: string; version: string };
  /** What advisory data the scan used, so a reader knows what "no findings" is worth. */
  advisoryData: AdvisoryDataStatus;
  projects: ProjectScan[];
  /** Versions a malware advisory covers, found in package-manager caches (`--caches`); empty when not asked. */
  caches: CacheFinding[];
  summary: ScanSummary;
}

export interface AdvisoryDataStatus {
  curated: { incidents: number };
  /** null when no OSV database exists yet (`chainwatch db update` creates it). */
  osv: { records: number; updatedAt: string; path: string } | null;
}

export interface ProjectScan {
  /** The project directory. */
  path: string;
  /** The lockfile (or node_modules directory) that was read. */
  lockfile: string;
  format: string | null;
  manager: PackageManager | null;
  /** Distinct name@version in the project. */
  packages: number;
  findings: ScanFinding[];
  diagnostics: Diagnostic[];
  /** Set when the lockfile could not be read at all; findings is then empty. */
  error: { code: string; message: string; hint: string | null } | null;
  /**
   * `scan --deep`: what the detection engine found in the project's installed node_modules,
   * malicious and suspicious packages only; null without --deep or without a node_modules.
   */
  code: CodeScan | null;
}

export interface CodeScan {
  /** Packages analyzed. */
  inspected: number;
  packages: CodePackage[];
}

export interface CodePackage {
  name: string;
  version: string | null;
  /** The package directory. */
  path: string;
  verdict: 'malicious' | 'suspicious';
  reasons: string[];
  findings: { rule: string; severity: Severity; file: string; line: number | null; message: string }[];
}

export interface ScanFinding {
  name: string;
  version: string;
  /** Every advisory or incident id that covers this name@version, primary ids first, then aliases; sorted, unique. */
  ids: string[];
  advisories: AdvisorySummary[];
  /** malicious: any advisory says the version is malware; otherwise vulnerable. */
  kind: 'malicious' | 'vulnerable';
  /** The highest severity of its advisories. */
  severity: Severity;
  /** Some importer declares it itself. */
  direct: boolean;
  /** Every instance is reachable only through devDependencies. */
  devOnly: boolean;
  /** Importer paths ('' is the root) whose dependency trees contain it. */
  importers: string[];
  /**
   * Dependency paths, shortest first: each starts with the importer ("root" or the workspace
   * path) and ends with "name@version"; the middle elements are "name@version" too.
   * Only the shortest unless `--all-paths`.
   */
  paths: string[][];
  /** Where the lockfile records it (first instance). */
  location: SourceLocation | null;
  fix: FixHint | null;
  references: string[];
}

export interface AdvisorySummary {
  id: string;
  aliases: string[];
  source: 'curated' | 'osv';
  kind: 'malware' | 'vulnerability';
  title: string;
  severity: Severity;
  references: string[];
}

/**
 * The nearest version no advisory covers. `inRange`: every dependent's declared range allows it,
 * so a fresh resolution (or an override) picks it up; otherwise it needs an override outside a range.
 */
export interface FixHint {
  version: string;
  inRange: boolean;
}

export interface CacheFinding {
  name: string;
  version: string;
  ids: string[];
  severity: Severity;
  cache: 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry';
  /** The cache entry (index file or archive) that shows it. */
  path: string;
  /** When the client fetched it, if the cache records it (ISO 8601). */
  fetchedAt: string | null;
}

export interface ScanSummary {
  projects: number;
  /** Distinct name@version over all projects. */
  packages: number;
  /** Distinct name@version hits per severity (a package in two projects counts once). */
  bySeverity: Record<Severity, number>;
  malicious: number;
  vulnerable: number;
  errors: number;
  elapsedMs: number;
}
