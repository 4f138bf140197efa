import type { Diagnostic } from '../core/index.js';

/** The package manager whose cache an entry was found in. */
export type CacheName = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry';

/**
 * How a cache directory is laid out; one reader each. A location names the directory the client
 * itself is configured with (npm's `cache`, pnpm's `store-dir` and `cache-dir`, yarn's cache and
 * global folders); the reader knows which files inside it to look at.
 */
export type CacheFormat =
  /** npm's cache dir (`~/.npm`): `_cacache/index-v5/` buckets of make-fetch-happen request keys. */
  | 'npm-cacache'
  /** pnpm's store dir (`~/.local/share/pnpm/store`): `v3/files/xx/*-index.json` (pnpm 8, 9) or `v10/index/` (pnpm 10). */
  | 'pnpm-store'
  /** pnpm's cache dir (`~/.cache/pnpm`): `metadata*\/<host>/<name>.json` packument copies. */
  | 'pnpm-metadata'
  /** yarn 1's cache root (`~/.cache/yarn`): `v6/<slug>/node_modules/<name>/.yarn-metadata.json`. */
  | 'yarn-classic'
  /** A yarn 2+ cache folder (`~/.yarn/berry/cache`, `<project>/.yarn/cache`): one zip per package. */
  | 'yarn-berry'
  /** yarn 4's global folder (`~/.yarn/berry`): `metadata/npm/<hash>/<host>/<name>.json` packument copies. */
  | 'yarn-berry-metadata';

export interface CacheLocation {
  format: CacheFormat;
  /** Absolute path of the directory (see CacheFormat for what each one is). */
  path: string;
  /** Why this place is looked at: the setting it comes from, e.g. `npm_config_cache` or `default`. */
  origin: string;
}

/** One package (or packument) a cache shows was on this machine. */
export interface CacheEntry {
  name: string;
  /** Null for packument fetches (a name was resolved) and for archives whose version the file does not say. */
  version: string | null;
  cache: CacheName;
  /**
   * `tarball`: npm fetched this version's tarball. `packument`: the client fetched the name's
   * registry document (it resolved the name; no version was necessarily installed). `package`: the
   * unpacked package (pnpm, yarn 1) or its archive (yarn 2+) is in the cache.
   */
  kind: 'tarball' | 'packument' | 'package';
  /** The index or metadata file that says so (npm: the bucket file). */
  path: string;
  /** When it was fetched, ISO 8601: npm's index time, otherwise the file's modification time. */
  fetchedAt: string | null;
  /** The request URL (npm only), which names the registry it came from. */
  url?: string;
  /** npm: the index entry was deleted afterwards (the key's last line has no integrity); the fetch still happened. */
  deleted?: true;
  /** npm: when it was deleted. */
  deletedAt?: string | null;
  /**
   * yarn 2+: the archive's file name drops the `/` of a scoped name, and when its hash cannot
   * settle where the scope ends, every name the file could stand for is listed (`name` is one of
   * them). Match all of them.
   */
  nameCandidates?: string[];
}

export interface CacheLocationResult extends CacheLocation {
  /** `absent`: nothing there (normal for a client never used); `unreadable`: there but could not be listed. */
  status: 'read' | 'absent' | 'unreadable';
  /** Entries found there (before any `keep` filter). */
  entries: number;
}

export interface CacheReadResult {
  entries: CacheEntry[];
  locations: CacheLocationResult[];
  diagnostics: Diagnostic[];
}

export interface ReadCachesOptions {
  /** Keep only the entries this accepts (e.g. names an advisory mentions); the rest are counted, not stored. */
  keep?: (entry: CacheEntry) => boolean;
  /** Files read or listed at once. */
  concurrency?: number;
}
