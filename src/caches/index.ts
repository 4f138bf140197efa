// Package-manager caches as evidence: which package versions reached this machine, and when,
// even after a lockfile stopped naming them (issue 3, "Evidence beyond lockfiles").
export { readCaches } from './read-caches.js';
export { defaultCacheLocations, type CacheLocationInput } from './locations.js';
export { parseRegistryUrl, type RegistryRequest } from './registry-url.js';
export type { CacheEntry, CacheFormat, CacheLocation, CacheLocationResult, CacheName, CacheReadResult, ReadCachesOptions } from './types.js';

