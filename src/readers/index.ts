export type { LockfileReader, ReaderId, ReadInput, ReadResult, RawGraph, RawImporter, RawPackage, RawEdge } from './types.js';
export { readers } from './registry.js';
export { isLockfile, readLockfile, readInstalledTree } from './detect.js';
