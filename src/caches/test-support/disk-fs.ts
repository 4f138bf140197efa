import { lstat } from 'node:fs/promises';
import { nodeFs } from '../../app/node-fs.js';
import type { ReadonlyFs } from '../../core/index.js';

/**
 * The real disk for the caches' tests: app's nodeFs with modification times added to lstat
 * (core's FileStat has none yet). `mtimeMs`, when given, replaces every file's time: fixtures
 * checked out by git carry the checkout time, not the time the client wrote them.
 */
export function diskFs(mtimeMs?: number): ReadonlyFs {
  return {
    ...nodeFs,
    async lstat(path) {
      const base = await nodeFs.lstat(path);
      if (base === undefined) return undefined;
      return { ...base, mtimeMs: mtimeMs ?? (await lstat(path)).mtimeMs };
    },
  };
}
