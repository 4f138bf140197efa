import semver from 'semver';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import type PickManifest from 'npm-pick-manifest';
import { npmFetch } from './npm-fetch.js';
import { ErrorCodes, ToolError } from '../core/index.js';
import { integrityError, redactUrl, requestError } from './errors.js';
import { notFound, packumentVersion, requestPackument, type Packument, type VersionDist } from './packument.js';
import { flatOptions, timeoutOf, type RegistryRequestOptions } from './request.js';
import { registrySpec } from './spec.js';

/**
 * Downloads one package tarball from the configured registry, verified against the integrity the
 * registry published for that version. Only registry specs are accepted (`name`, `name@1.2.3`,
 * `name@^1`, `name@next`, `alias@npm:name@1`): git, file and URL specs are refused, so nothing is
 * ever built, prepared or run. The tarball is returned in memory, never unpacked here.
 *
 * Requests go through npm-registry-fetch with npm's own flat options, so credentials are sent
 * exactly as npm sends them: a token only to the registry URL it is configured for.
 */
export type FetchTarballOptions = RegistryRequestOptions;

export interface FetchedTarball {
  /** The spec as asked (`name@version` for fetchVersionTarball). */
  spec: string;
  name: string;
  version: string;
  /** The registry the package was resolved on (no credentials). */
  registry: string;
  /** Where the tarball came from (no credentials or query). */
  tarballUrl: string;
  /** The SRI string the bytes were verified against (`sha512-…`, or `sha1-…` for old packages). */
  integrity: string;
  /** The version's entry in the packument it was picked from. */
  manifest: Readonly<Record<string, unknown>>;
  data: Buffer;
}

/** Resolves `spec` on its registry (one packument request) and downloads the picked version. */
export async function fetchTarball(spec: string, opts: FetchTarballOptions): Promise<FetchedTarball> {
  const wanted = registrySpec(spec);
  const flat = flatOptions(opts);
  // npm-pick-manifest needs publish times for `before`, which abbreviated packuments leave out.
  const packument = await requestPackument(wanted, opts, { spec, full: Boolean(flat['before']) });
  const version = pick(packument, wanted.fetchSpec, spec, flat);
  return download(packument, version, opts, spec);
}

/**
 * Resolves `spec` (`name@1.2.3`, a range or a tag) against its full packument, as npm would pick,
 * without downloading: for callers that need the publication facts (publish times, publishers)
 * and then the tarball (fetchVersionTarball).
 */
export async function resolveRelease(
  spec: string,
  opts: FetchTarballOptions & {
    /** Packuments already asked for in this run, by name: two releases of one package cost one request. */
    packuments?: Map<string, Promise<Packument>>;
  },
): Promise<{ packument: Packument; version: string }> {
  const wanted = registrySpec(spec);
  // An exact version's entry, and every version published before it, do not change once published:
  // a packument already in the cache will do, and a diff of two cached releases needs no network.
  // It is asked for again, revalidated, only when it does not list the version yet. A tag or a
  // range always takes the registry's current answer.
  const exact = semver.valid(wanted.fetchSpec) !== null;
  const request = (cached: boolean) => {
    const pending = requestPackument(wanted, opts, { spec, full: true, cached });
    opts.packuments?.set(wanted.name, pending);
    return pending;
  };
  const packument = await (opts.packuments?.get(wanted.name) ?? request(exact));
  if (exact && !Object.hasOwn(packument.versions, wanted.fetchSpec)) {
    const fresh = await request(false);
    return { packument: fresh, version: pick(fresh, wanted.fetchSpec, spec, flatOptions(opts)) };
  }
  return { packument, version: pick(packument, wanted.fetchSpec, spec, flatOptions(opts)) };
}

/**
 * Downloads one exact version listed in a packument the caller already holds, so a caller that
 * needs the packument too (publish times, publishers) makes a single packument request.
 */
export async function fetchVersionTarball(packument: Packument, version: string, opts: FetchTarballOptions): Promise<FetchedTarball> {
  return download(packument, version, opts, `${packument.name}@${version}`);
}

async function download(packument: Packument, version: string, opts: FetchTarballOptions, spec: string): Promise<FetchedTarball> {
  const entry = packumentVersion(packument, version, spec);
  const { name, dist } = entry;
  if (dist.tarball === undefined || !/^https?:\/\//i.test(dist.tarball)) {
    throw new ToolError(ErrorCodes.format, `${spec}: ${packument.url} lists no http(s) tarball URL for ${name}@${version}`, {
      hint: 'the registry entry is incomplete; report it to the registry operator',
    });
  }
  const tarballUrl = dist.tarball;
  const integrity = publishedIntegrity(dist);
  if (integrity === undefined) {
    throw new ToolError(ErrorCodes.format, `${spec}: ${packument.url} publishes no integrity or shasum for ${name}@${version}`, {
      hint: 'without a published checksum the download cannot be verified',
    });
  }

  const flat = flatOptions(opts);
  let data: Buffer;
  try {
    // `integrity` makes make-fetch-happen verify the stream (and cacache verify a cached copy).
    // `spec` tells npm-registry-fetch which registry (the scope's) the request belongs to. As in
    // npm, a token goes with the tarball request only when one is configured for the tarball's
    // URL, or the tarball is on that registry's host.
    // preferOffline: a cached copy is used however old (some registries send no cache headers, which
    // would make every cached tarball stale): the integrity check makes any copy the published one.
    const res = await (await npmFetch())(tarballUrl, { ...flat, spec: name, integrity, preferOffline: true });
    data = await res.buffer();
  } catch (e) {
    throw requestError(e, { spec, url: tarballUrl, registry: packument.registry, timeoutMs: timeoutOf(flat), resource: 'tarball' });
  }
  // Checked here as well, so the guarantee does not rest on a transitive library's option alone.
  if (!matchesIntegrity(data, integrity)) throw integrityError(spec, tarballUrl);

  return { spec, name, version, registry: packument.registry, tarballUrl: redactUrl(tarballUrl), integrity, manifest: entry.manifest, data };
}

/** npm-pick-manifest, loaded on first use (about 30 ms with semver and npm-package-arg). */
let loadedPicker: typeof PickManifest | undefined;
function pickManifest(...args: Parameters<typeof PickManifest>): ReturnType<typeof PickManifest> {
  return (loadedPicker ??= createRequire(import.meta.url)('npm-pick-manifest') as typeof PickManifest)(...args);
}

/** The version npm would install for `fetchSpec` (version, range or tag), with npm's own picker. */
function pick(packument: Packument, fetchSpec: string, spec: string, flat: Record<string, unknown>): string {
  // npm-pick-manifest reads the registry's own shape: rebuild it from the checked view.
  const doc = {
    name: packument.name,
    'dist-tags': packument.distTags,
    versions: Object.fromEntries(Object.entries(packument.versions).map(([v, entry]) => [v, entry.manifest])),
    time: packument.time,
  };
  try {
    return String(pickManifest(doc, fetchSpec, { defaultTag: flat['defaultTag'], before: flat['before'] })['version']);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ETARGET' || code === 'ENOVERSIONS') return notFound(packument, spec, 'no version matches', e);
    throw new ToolError(ErrorCodes.format, `${spec}: cannot pick a version from ${packument.registry} (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
}

/** The published SRI string; very old packages have only a hex sha1 `shasum`, as npm accepts too. */
function publishedIntegrity(dist: VersionDist): string | undefined {
  if (dist.integrity !== undefined && dist.integrity.trim() !== '') return dist.integrity.trim();
  if (dist.shasum !== undefined && /^[0-9a-f]{40}$/i.test(dist.shasum)) {
    return `sha1-${Buffer.from(dist.shasum, 'hex').toString('base64')}`;
  }
  return undefined;
}

const STRENGTH = ['sha512', 'sha384', 'sha256', 'sha1'] as const;

/**
 * Subresource-integrity check as ssri does it: of the hashes listed, those of the strongest
 * algorithm count, and one of them must match.
 */
export function matchesIntegrity(data: Uint8Array, integrity: string): boolean {
  const hashes = integrity
    .split(/\s+/)
    .map((h) => /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/=]+)(?:\?.*)?$/.exec(h))
    .filter((m): m is RegExpExecArray => m !== null);
  const algorithm = STRENGTH.find((a) => hashes.some((m) => m[1] === a));
  if (algorithm === undefined) return false;
  const actual = createHash(algorithm).update(data).digest();
  return hashes
    .filter((m) => m[1] === algorithm)
    .some((m) => {
      const expected = Buffer.from(m[2]!, 'base64');
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    });
}
