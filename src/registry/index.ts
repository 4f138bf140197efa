// npm registry client: the user's npm configuration, packuments, verified tarball downloads and
// what a packument says about a version's publication. No policy, no unpacking (analysis/ does
// that), nothing is run. Imports only core/.
export { loadNpmConfig, NpmConfig, type NpmConfigInput } from './npm-config.js';
export type { RegistryRequestOptions } from './request.js';
export {
  fetchPackument,
  parsePackument,
  type DistAttestations,
  type FetchPackumentOptions,
  type Packument,
  type PackumentVersion,
  type Person,
  type VersionDist,
} from './packument.js';
export { fetchTarball, fetchVersionTarball, resolveRelease, matchesIntegrity, type FetchTarballOptions, type FetchedTarball } from './fetch-tarball.js';
export { predecessorOf, versionInfo, type Provenance, type VersionInfo } from './version-info.js';
export { withProvenanceSource } from './attestations.js';
export { redactUrl } from './errors.js';
export { fetchRaw, type RawRequest, type RawResponse } from './raw.js';
