import { createHash, timingSafeEqual } from 'node:crypto';
import npa from 'npm-package-arg';
import pickManifest from 'npm-pick-manifest';
import npmFetch from 'npm-registry-fetch';
import { ErrorCodes, ToolError } from '../core/index.js';
import { integrityError, redactUrl, requestError } from './errors.js';
import type { NpmConfig } from './npm-config.js';

/**
 * Downloads one package tarball from the configured registry, verified against the integrity the
 * registry published for that version. Only registry specs are accepted (`name`, `name@1.2.3`,
 * `name@^1`, `name@next`, `alias@npm:name@1`): git, file and URL specs are refused, so nothing is
 * ever built, prepared or run. The tarball is returned in memory, never unpacked here.
 *
 * Requests go through npm-registry-fetch with npm's own flat options, so credentials are sent
 * exactly as npm sends them: a token only to the registry URL it is configured for.
 */
export interface FetchTarballOptions {
  config: NpmConfig;
  /** Per-request timeout; default npm's `fetch-timeout`. */
  timeoutMs?: number;
  /** Retries on network errors and 5xx answers; default npm's `fetch-retries`. */
  retries?: number;
  /**
   * A cacache folder for packuments and tarballs, or `false` for none. Default: npm's own cache
   * (`<npm cache>/_cacache`), shared with npm. Packuments are revalidated on every call; tarballs
   * are addressed by integrity, so a cached one is the published one.
   */
  cache?: string | false;
}

export interface FetchedTarball {
  /** The spec as asked. */
  spec: string;
  name: string;
  version: string;
  /** The registry the package was resolved on (no credentials). */
  registry: string;
  /** Where the tarball came from (no credentials or query). */
  tarballUrl: string;
  /** The SRI string the bytes were verified against (`sha512-…`, or `sha1-…` for old packages). */
  integrity: string;
  /** The version's entry in the (abbreviated) packument. */
  manifest: Readonly<Record<string, unknown>>;
  data: Buffer;
}

/** Abbreviated packuments: all an install needs, a fraction of the size (npm asks the same). */
const CORGI = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

export async function fetchTarball(spec: string, opts: FetchTarballOptions): Promise<FetchedTarball> {
  const wanted = registrySpec(spec);
  const registry = opts.config.registryFor(wanted.name);
  const flat = requestOptions(opts);
  const timeoutMs = Number(flat['timeout']) || 0;

  const packumentUrl = `${registry}${wanted.escapedName}`;
  const ctx = { spec, url: packumentUrl, registry, timeoutMs };
  // npm-pick-manifest needs publish times for `before`, which abbreviated packuments leave out.
  const accept = flat['before'] ? 'application/json' : CORGI;
  let packument: Record<string, unknown>;
  try {
    packument = await npmFetch.json(packumentUrl, { ...flat, spec: wanted.name, headers: { accept }, preferOnline: true });
  } catch (e) {
    throw requestError(e, ctx);
  }

  const manifest = pick(packument, wanted, { spec, registry, flat });
  const version = String(manifest['version']);
  const dist = (manifest['dist'] ?? {}) as { tarball?: unknown; integrity?: unknown; shasum?: unknown };
  if (typeof dist.tarball !== 'string' || !/^https?:\/\//i.test(dist.tarball)) {
    throw new ToolError(ErrorCodes.format, `${spec}: ${redactUrl(packumentUrl)} lists no http(s) tarball URL for ${wanted.name}@${version}`, {
      hint: 'the registry entry is incomplete; report it to the registry operator',
    });
  }
  const tarballUrl = dist.tarball;
  const integrity = publishedIntegrity(dist);
  if (integrity === undefined) {
    throw new ToolError(ErrorCodes.format, `${spec}: ${redactUrl(packumentUrl)} publishes no integrity or shasum for ${wanted.name}@${version}`, {
      hint: 'without a published checksum the download cannot be verified',
    });
  }

  let data: Buffer;
  try {
    // `integrity` makes make-fetch-happen verify the stream (and cacache verify a cached copy).
    const res = await npmFetch(tarballUrl, { ...flat, spec: wanted.name, integrity });
    data = await res.buffer();
  } catch (e) {
    throw requestError(e, { ...ctx, url: tarballUrl });
  }
  // Checked here as well, so the guarantee does not rest on a transitive library's option alone.
  if (!matchesIntegrity(data, integrity)) throw integrityError(spec, tarballUrl);

  return { spec, name: wanted.name, version, registry: redactUrl(registry), tarballUrl: redactUrl(tarballUrl), integrity, manifest, data };
}

interface WantedPackage {
  name: string;
  escapedName: string;
  /** Version, range or tag. */
  fetchSpec: string;
}

/** Parses `spec`, accepting only what a registry resolves; aliases resolve to their target. */
function registrySpec(spec: string): WantedPackage {
  let parsed: npa.Result;
  try {
    parsed = npa(spec);
  } catch (e) {
    throw new ToolError(ErrorCodes.usage, `${spec}: not a valid package spec (${(e as Error).message.split('\n')[0]})`, {
      hint: 'use name, name@version, name@range or name@tag',
      cause: e,
    });
  }
  if (parsed.type === 'alias' && parsed.subSpec) parsed = parsed.subSpec;
  if (!['version', 'range', 'tag'].includes(parsed.type) || !parsed.name || !parsed.escapedName) {
    throw new ToolError(ErrorCodes.usage, `${spec}: a ${parsed.type} spec, not a registry package`, {
      hint: 'use name, name@version, name@range or name@tag; git, file and URL specs are not fetched',
    });
  }
  return { name: parsed.name, escapedName: parsed.escapedName, fetchSpec: parsed.fetchSpec ?? 'latest' };
}

function requestOptions(opts: FetchTarballOptions): Record<string, unknown> {
  const flat = opts.config.fetchOptions();
  if (opts.timeoutMs !== undefined) flat['timeout'] = opts.timeoutMs;
  if (opts.retries !== undefined) flat['retry'] = { ...(flat['retry'] as object | undefined), retries: opts.retries };
  if (opts.cache === false) delete flat['cache'];
  else if (opts.cache !== undefined) flat['cache'] = opts.cache;
  // Never a reason to fetch without a check: a packument without integrity is refused above.
  delete flat['integrity'];
  return flat;
}

function pick(
  packument: Record<string, unknown>,
  wanted: WantedPackage,
  ctx: { spec: string; registry: string; flat: Record<string, unknown> },
): Record<string, unknown> {
  try {
    return pickManifest(packument, wanted.fetchSpec, {
      defaultTag: ctx.flat['defaultTag'],
      before: ctx.flat['before'],
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ETARGET' || code === 'ENOVERSIONS') {
      const latest = ((packument['dist-tags'] ?? {}) as Record<string, string>)['latest'];
      return notFound(ctx.spec, ctx.registry, latest ? `no version matches; latest is ${latest}` : 'it has no versions', e);
    }
    throw new ToolError(ErrorCodes.format, `${ctx.spec}: cannot pick a version from ${redactUrl(ctx.registry)} (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
}

function notFound(spec: string, registry: string, why: string, cause: unknown): never {
  throw new ToolError(ErrorCodes.notFound, `${spec} not found on ${redactUrl(registry)}: ${why}`, {
    hint: 'check the version or tag (`npm view <name> versions`)',
    cause,
  });
}

/** The published SRI string; very old packages have only a hex sha1 `shasum`, as npm accepts too. */
function publishedIntegrity(dist: { integrity?: unknown; shasum?: unknown }): string | undefined {
  if (typeof dist.integrity === 'string' && dist.integrity.trim() !== '') return dist.integrity.trim();
  if (typeof dist.shasum === 'string' && /^[0-9a-f]{40}$/i.test(dist.shasum)) {
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
