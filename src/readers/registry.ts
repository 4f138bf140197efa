import type { LockfileReader, ReaderId } from './types.js';

/**
 * Every reader, sorted by id (a meta-test keeps it so, and checks each entry against the
 * reader it loads). Readers are loaded on first use: a command that reads one pnpm lockfile
 * should not pay at startup for the yarn, bun and npm parsers. `basenames` is the cheap index
 * discovery uses; the reader's own `matches` stays the authority once loaded.
 */
export interface ReaderEntry {
  id: ReaderId;
  basenames: readonly string[];
  load(): Promise<LockfileReader>;
}

export const readerEntries: readonly ReaderEntry[] = [
  { id: 'bun/lock', basenames: ['bun.lock', 'bun.lockb'], load: async () => (await import('./bun-lock/reader.js')).bunLockReader },
  { id: 'fs/node-modules', basenames: ['node_modules'], load: async () => (await import('./node-modules/reader.js')).nodeModulesReader },
  {
    id: 'npm/package-lock',
    basenames: ['npm-shrinkwrap.json', 'package-lock.json'],
    load: async () => (await import('./npm-lock/reader.js')).npmLockReader,
  },
  { id: 'pnpm/lock', basenames: ['pnpm-lock.yaml'], load: async () => (await import('./pnpm-lock/reader.js')).pnpmLockReader },
  { id: 'yarn/berry', basenames: ['yarn.lock'], load: async () => (await import('./yarn-berry/reader.js')).yarnBerryReader },
  { id: 'yarn/classic', basenames: ['yarn.lock'], load: async () => (await import('./yarn-classic/reader.js')).yarnClassicReader },
];
