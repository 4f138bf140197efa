export type { LockfileReader, ReaderId, ReadInput, ReadResult, RawGraph, RawImporter, RawPackage, RawEdge } from './types.js';
export { readerEntries, type ReaderEntry } from './registry.js';
export { isLockfile, readLockfile, readInstalledTree } from './detect.js';
