import { ErrorCodes, isToolError, TaskPool, ToolError, type Diagnostic, type ReadonlyFs } from '../core/index.js';
import { scanNpmCache } from './npm-cacache.js';
import { scanPnpmMetadata, scanPnpmStore } from './pnpm-store.js';
import { ScanContext } from './scan.js';
import type { CacheEntry, CacheFormat, CacheLocation, CacheLocationResult, CacheReadResult, ReadCachesOptions } from './types.js';
import { scanYarnBerry, scanYarnBerryMetadata } from './yarn-berry.js';
import { scanYarnClassic } from './yarn-classic.js';

/** One reader per cache layout (sorted). */
export const cacheReaders: Readonly<Record<CacheFormat, (ctx: ScanContext) => Promise<void>>> = {
  'npm-cacache': scanNpmCache,
  'pnpm-metadata': scanPnpmMetadata,
  'pnpm-store': scanPnpmStore,
  'yarn-berry': scanYarnBerry,
  'yarn-berry-metadata': scanYarnBerryMetadata,
  'yarn-classic': scanYarnClassic,
};

const DEFAULT_CONCURRENCY = 32;

/**
 * Which package versions (and packuments) the given caches hold, with when they were fetched.
 * Reads only index and metadata files, never package contents; a cache of 100k+ entries is
 * walked with a bounded number of files open. Missing locations are `absent`; unreadable files
 * and folders become diagnostics; symbolic links inside a cache are not followed. Throws only
 * for an unknown location format.
 */
export async function readCaches(locations: readonly CacheLocation[], fs: ReadonlyFs, options: ReadCachesOptions = {}): Promise<CacheReadResult> {
  const entries: CacheEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const results: CacheLocationResult[] = [];
  const seen = new Set<string>();
  for (const location of locations) {
    const scan = Object.hasOwn(cacheReaders, location.format) ? cacheReaders[location.format] : undefined;
    if (scan === undefined) {
      throw new ToolError(ErrorCodes.usage, `unknown cache format ${JSON.stringify(location.format)} for ${location.path}`, {
        hint: `use one of ${Object.keys(cacheReaders).join(', ')}`,
      });
    }
    const key = `${location.format}\0${location.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const root = await resolveRoot(fs, location, diagnostics);
    if (root === 'absent' || root === 'unreadable') {
      results.push({ ...location, status: root, entries: 0 });
      continue;
    }
    const pool = new TaskPool(options.concurrency ?? DEFAULT_CONCURRENCY);
    const keep = options.keep;
    const ctx = new ScanContext(fs, { ...location, path: root }, pool, (entry) => {
      if (keep === undefined || keep(entry)) entries.push(entry);
    });
    await scan(ctx);
    await pool.idle();
    diagnostics.push(...ctx.finish());
    results.push({ ...location, status: 'read', entries: ctx.entries });
  }
  entries.sort(compareEntries);
  return { entries, locations: results, diagnostics };
}

/**
 * The folder to read: the location itself, or where it links to when the location is a
 * symbolic link (a user may keep ~/.npm on another disk). Links inside are never followed.
 */
async function resolveRoot(fs: ReadonlyFs, location: CacheLocation, diagnostics: Diagnostic[]): Promise<string | 'absent' | 'unreadable'> {
  const problem = (message: string) => {
    diagnostics.push({ code: 'caches/unreadable', message, severity: 'warning', location: { file: location.path } });
    return 'unreadable' as const;
  };
  try {
    const stat = await fs.lstat(location.path);
    if (stat === undefined) return 'absent';
    if (stat.kind === 'dir') {
      await fs.readdir(location.path); // a folder we may not list is unreadable, not empty
      return location.path;
    }
    if (stat.kind !== 'symlink') return problem(`${location.path}: not a directory, cannot be a ${location.format} cache`);
    const real = await fs.realpath(location.path);
    if (real === undefined) return 'absent';
    const target = await fs.lstat(real);
    if (target?.kind !== 'dir') return problem(`${location.path}: links to ${real}, which is not a directory`);
    await fs.readdir(real);
    return real;
  } catch (e) {
    if (!isToolError(e)) throw e;
    return problem(`${e.message}; cache not read`);
  }
}

function compareEntries(a: CacheEntry, b: CacheEntry): number {
  return (
    cmp(a.name, b.name) ||
    cmp(a.version ?? '', b.version ?? '') ||
    cmp(a.cache, b.cache) ||
    cmp(a.kind, b.kind) ||
    cmp(a.path, b.path)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
