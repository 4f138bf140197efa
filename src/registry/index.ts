// npm registry client: the user's npm configuration and verified tarball downloads. No policy,
// no unpacking (analysis/ does that), nothing is run. Imports only core/.
export { loadNpmConfig, NpmConfig, type NpmConfigInput } from './npm-config.js';
export { fetchTarball, matchesIntegrity, type FetchTarballOptions, type FetchedTarball } from './fetch-tarball.js';
export { redactUrl } from './errors.js';
