import { npmFetch } from './npm-fetch.js';
import { ErrorCodes, ToolError } from '../core/index.js';
import { redactUrl, requestError } from './errors.js';
import { flatOptions, timeoutOf, type RegistryRequestOptions } from './request.js';
import { packageName, type WantedPackage } from './spec.js';

/**
 * A package's packument (the registry's document listing every version), read through npm's own
 * fetch library, as a small typed view. The registry's JSON is not trusted: every field this view
 * types is checked, and what does not have the expected shape is left out (a `time` entry that is
 * not a date, a maintainer without a name); what would make the document meaningless (no
 * `versions` mapping, a version listed under another number, another package's name) is an error.
 *
 * Maps are null-prototype objects: a version or tag named `constructor` or `__proto__` is just a
 * key, and the view serialises as plain JSON.
 */
export interface Person {
  name: string;
  email?: string;
}

/** The attestations the registry lists for a version (`dist.attestations`); their bundle is not fetched here. */
export interface DistAttestations {
  /** Where the registry serves the attestation bundle. */
  url?: string;
  /** `provenance.predicateType`, e.g. `https://slsa.dev/provenance/v1`. */
  predicateType?: string;
}

export interface VersionDist {
  tarball?: string;
  integrity?: string;
  shasum?: string;
  unpackedSize?: number;
  fileCount?: number;
  /** Present when the version was published with attestations (provenance, trusted publishing). */
  attestations?: DistAttestations;
}

export interface PackumentVersion {
  name: string;
  version: string;
  dist: VersionDist;
  /** `_npmUser`: the account that published this version. Full packuments only. */
  publisher?: Person;
  /** The version's `maintainers`: who maintained the package when it was published. Full packuments only. */
  maintainers: readonly Person[];
  /**
   * The version's entry as the registry sent it, for the fields this view does not type
   * (`scripts`, `dependencies`, `repository`, `bin`, …). Untrusted JSON: check before use.
   */
  manifest: Readonly<Record<string, unknown>>;
}

export interface Packument {
  name: string;
  /**
   * Whether the full document (`application/json`) was asked for. Abbreviated ones (npm's
   * install-time "corgi" format) carry no per-version `time`, `_npmUser`, `maintainers` or `scripts`.
   */
  full: boolean;
  /** The registry it came from and the packument URL (no credentials or query). */
  registry: string;
  url: string;
  distTags: Readonly<Record<string, string>>;
  versions: Readonly<Record<string, PackumentVersion>>;
  /** Version → ISO publish time, plus `created` and `modified`; entries that are not dates are left out. */
  time: Readonly<Record<string, string>>;
  /** The package's current maintainers. Full packuments only. */
  maintainers: readonly Person[];
}

export interface FetchPackumentOptions extends RegistryRequestOptions {
  /** The full document, with publish times, publishers and maintainers. Default: abbreviated. */
  full?: boolean;
}

/** The full document. */
const FULL = 'application/json';
/** Abbreviated packuments: all an install needs, a fraction of the size (npm asks the same). */
const CORGI = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/** Fetches `name`'s packument from its registry (its scope's, else the default one). */
export async function fetchPackument(name: string, opts: FetchPackumentOptions): Promise<Packument> {
  return requestPackument(packageName(name), opts, { spec: name, full: opts.full ?? false });
}

/** The one way packuments are fetched; `spec` is what the caller asked for, for messages. */
export async function requestPackument(wanted: WantedPackage, opts: RegistryRequestOptions, how: { spec: string; full: boolean; cached?: boolean }): Promise<Packument> {
  const registry = opts.config.registryFor(wanted.name);
  const flat = flatOptions(opts);
  const url = `${registry}${wanted.escapedName}`;
  let json: unknown;
  try {
    // By default a cached packument is revalidated (preferOnline), so a version published a minute
    // ago is seen. `cached`: any packument in the cache will do (npm's --prefer-offline), for a
    // caller that asks again when it lacks what it needs.
    const freshness = how.cached ? { preferOffline: true } : { preferOnline: true };
    json = await (await npmFetch()).json(url, { ...flat, spec: wanted.name, headers: { accept: how.full ? FULL : CORGI }, ...freshness });
  } catch (e) {
    throw requestError(e, { spec: how.spec, url, registry, timeoutMs: timeoutOf(flat), resource: 'packument' });
  }
  return parsePackument(json, { name: wanted.name, spec: how.spec, registry, url, full: how.full });
}

/**
 * Checks and types a packument the registry sent for `source.name`. Exported for tests and for
 * callers that hold a packument from elsewhere (a fixture, a mirror dump).
 */
export function parsePackument(json: unknown, source: { name: string; spec?: string; registry: string; url: string; full: boolean }): Packument {
  const url = redactUrl(source.url);
  const malformed = (problem: string): never => {
    throw new ToolError(ErrorCodes.format, `${source.spec ?? source.name}: ${url} sent a malformed packument: ${problem}`, {
      hint: 'check that the configured registry URL points at an npm registry',
    });
  };
  const doc = mapping(json) ?? malformed('not a JSON object');
  if (doc['name'] !== undefined && doc['name'] !== source.name) malformed(`it names ${JSON.stringify(doc['name'])}`);
  const rawVersions = doc['versions'] === undefined ? {} : (mapping(doc['versions']) ?? malformed('`versions` is not a mapping'));

  const versions = record<PackumentVersion>();
  for (const [version, value] of Object.entries(rawVersions)) {
    const entry = mapping(value) ?? malformed(`versions[${JSON.stringify(version)}] is not a mapping`);
    if (entry['version'] !== undefined && entry['version'] !== version) malformed(`version ${JSON.stringify(entry['version'])} is listed as ${JSON.stringify(version)}`);
    if (entry['name'] !== undefined && entry['name'] !== source.name) malformed(`version ${version} names ${JSON.stringify(entry['name'])}`);
    const publisher = person(entry['_npmUser']);
    versions[version] = {
      name: source.name,
      version,
      dist: dist(entry['dist']),
      ...(publisher === undefined ? {} : { publisher }),
      maintainers: people(entry['maintainers']),
      manifest: entry,
    };
  }

  const time = record<string>();
  for (const [key, value] of Object.entries(mapping(doc['time']) ?? {})) {
    if (isDate(value)) time[key] = value;
  }
  // Abbreviated packuments keep only `modified`, at the top.
  if (time['modified'] === undefined && isDate(doc['modified'])) time['modified'] = doc['modified'];

  const distTags = record<string>();
  for (const [tag, value] of Object.entries(mapping(doc['dist-tags']) ?? {})) {
    if (typeof value === 'string') distTags[tag] = value;
  }

  return { name: source.name, full: source.full, registry: redactUrl(source.registry), url, distTags, versions, time, maintainers: people(doc['maintainers']) };
}

/** The version's entry, or a not-found error naming the registry and the latest version. */
export function packumentVersion(packument: Packument, version: string, spec = `${packument.name}@${version}`): PackumentVersion {
  const entry = Object.hasOwn(packument.versions, version) ? packument.versions[version] : undefined;
  if (entry !== undefined) return entry;
  return notFound(packument, spec, 'no such version');
}

export function notFound(packument: Packument, spec: string, why: string, cause?: unknown): never {
  const latest = packument.distTags['latest'];
  const detail = latest ? `${why}; latest is ${latest}` : Object.keys(packument.versions).length > 0 ? why : 'it has no versions';
  throw new ToolError(ErrorCodes.notFound, `${spec} not found on ${packument.registry}: ${detail}`, {
    hint: 'check the version or tag (`npm view <name> versions`)',
    cause,
  });
}

function dist(value: unknown): VersionDist {
  const d = mapping(value) ?? {};
  const out: VersionDist = {};
  for (const key of ['tarball', 'integrity', 'shasum'] as const) {
    if (typeof d[key] === 'string') out[key] = d[key];
  }
  for (const key of ['unpackedSize', 'fileCount'] as const) {
    const n = d[key];
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) out[key] = n;
  }
  if (d['attestations'] !== undefined && d['attestations'] !== null) {
    const a = mapping(d['attestations']) ?? {};
    const predicateType = mapping(a['provenance'])?.['predicateType'];
    out.attestations = {
      ...(typeof a['url'] === 'string' ? { url: a['url'] } : {}),
      ...(typeof predicateType === 'string' ? { predicateType } : {}),
    };
  }
  return out;
}

function people(value: unknown): Person[] {
  return Array.isArray(value) ? value.map(person).filter((p): p is Person => p !== undefined) : [];
}

/** `{ name, email }`, or the `Name <email> (url)` string old packuments hold. */
function person(value: unknown): Person | undefined {
  if (typeof value === 'string') {
    const m = /^([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\([^)]*\))?$/.exec(value.trim());
    const name = m?.[1]?.trim();
    if (!name) return undefined;
    return m?.[2] ? { name, email: m[2] } : { name };
  }
  const p = mapping(value);
  if (p === undefined || typeof p['name'] !== 'string' || p['name'].trim() === '') return undefined;
  return typeof p['email'] === 'string' ? { name: p['name'], email: p['email'] } : { name: p['name'] };
}

function mapping(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
