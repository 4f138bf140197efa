import { bunLockReader } from './bun-lock/reader.js';
import { nodeModulesReader } from './node-modules/reader.js';
import { npmLockReader } from './npm-lock/reader.js';
import { pnpmLockReader } from './pnpm-lock/reader.js';
import type { LockfileReader, ReaderId } from './types.js';
import { yarnBerryReader } from './yarn-berry/reader.js';
import { yarnClassicReader } from './yarn-classic/reader.js';

/** Every reader, keyed by id, sorted by id (a meta-test keeps it so). */
export const readers: ReadonlyMap<ReaderId, LockfileReader> = new Map<ReaderId, LockfileReader>([
  ['bun/lock', bunLockReader],
  ['fs/node-modules', nodeModulesReader],
  ['npm/package-lock', npmLockReader],
  ['pnpm/lock', pnpmLockReader],
  ['yarn/berry', yarnBerryReader],
  ['yarn/classic', yarnClassicReader],
]);
