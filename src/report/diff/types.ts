import type { ReleaseDiff } from '../../diff/index.js';

/** What `chainwatch diff <old> <new>` (and `chainwatch verify <name>@<version>`) found. */
export interface DiffReport {
  tool: { name: string; version: string };
  diff: ReleaseDiff;
  /** Set by `verify`: the predecessor it picked for `to`, and why that one. */
  predecessor?: { version: string; publishedAt?: string; reason: string };
  elapsedMs: number;
}

/** Why `verify --lockfile` did not diff a package. */
export type VerifySkip = 'first-release' | 'not-in-registry' | 'not-a-registry-package';

/** One package of the lockfile young enough to be verified. */
export interface VerifyResult {
  name: string;
  version: string;
  /** ISO time the version was published, when the registry said. */
  publishedAt?: string;
  /** Set when the package was diffed against its predecessor. */
  diff?: ReleaseDiff;
  /** The predecessor's version. */
  predecessor?: string;
  /** Why the package could not be checked (a registry or integrity error), one line. */
  error?: string;
  skipped?: VerifySkip;
}

/**
 * What `chainwatch verify --lockfile` found: every package younger than `maxAgeDays` at `now`.
 * `verify <name>@<version>` fills the same report with one result, no lockfile and no age limit.
 */
export interface VerifyLockfileReport {
  tool: { name: string; version: string };
  /** The lockfile as given, for display; null for `verify <name>@<version>`. */
  lockfile: string | null;
  /** Null for `verify <name>@<version>`. */
  maxAgeDays: number | null;
  /** ISO time the ages were measured from. */
  now: string;
  results: VerifyResult[];
  summary: {
    /** Registry packages the lockfile lists, before the age filter, when the caller counted them. */
    packages?: number;
    checked: number;
    malicious: number;
    suspicious: number;
    clean: number;
    skipped: number;
    errors: number;
    elapsedMs: number;
  };
}

/** The name the CLI uses for it. */
export type VerifyReport = VerifyLockfileReport;
