import type { PackageRef, Severity } from '../core/index.js';

/**
 * One advisory, from any source, in one shape. Curated incidents and OSV records both become
 * this; matching, reporting and the database never look at the source format again.
 */
export interface Advisory {
  /** Stable id: the incident id (`qix-chalk-debug-2025-09-08`) or the OSV id (`MAL-2025-46966`, `GHSA-…`). */
  id: string;
  /** Other ids for the same advisory (OSV `aliases`, CVE, GHSA): two advisories sharing an id are one. */
  aliases: string[];
  source: 'curated' | 'osv';
  /** malware: the package or version is malicious; vulnerability: a bug that can be exploited. */
  kind: 'malware' | 'vulnerability';
  title: string;
  summary: string;
  severity: Severity;
  /** ISO 8601 dates. */
  published: string;
  modified: string;
  references: string[];
  affected: Affected[];
}

/** The versions of one package an advisory covers: explicit versions, ranges, or both. */
export interface Affected {
  name: string;
  versions?: string[];
  ranges?: VersionRange[];
  /**
   * Versions the source names as clean (a curated incident's `safe` release). Fix hints only:
   * matching never reads them. OSV `fixed` events serve the same purpose for ranges.
   */
  safe?: string[];
}

/**
 * An OSV SEMVER range: events in order. A version is affected when it is at or above an
 * `introduced` and below the next `fixed` / `limit`, or at or below the next `lastAffected`.
 * `introduced: '0'` means from the first version.
 */
export interface VersionRange {
  events: RangeEvent[];
}

export type RangeEvent = { introduced: string } | { fixed: string } | { lastAffected: string } | { limit: string };

/** Where matching looks advisories up: by package name, many names per call (one query, not N). */
export interface AdvisoryIndex {
  lookup(names: Iterable<string>): Map<string, Advisory[]>;
}

export interface AdvisoryMatch {
  advisory: Advisory;
  pkg: PackageRef;
}
