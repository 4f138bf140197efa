import type NpmRegistryFetch from 'npm-registry-fetch';

let loaded: Promise<typeof NpmRegistryFetch> | undefined;

/**
 * npm-registry-fetch, loaded on first use: it brings npm's whole HTTP stack (make-fetch-happen,
 * cacache, proxy agents; about 100 ms to load), which a command that never reaches the registry
 * (`inspect` of a directory, `scan` offline) should not pay for.
 */
export function npmFetch(): Promise<typeof NpmRegistryFetch> {
  return (loaded ??= import('npm-registry-fetch').then((m) => m.default));
}
