/**
 * What an npm registry request URL asked for, read from the URL alone. Works for any host and any
 * path prefix (`https://host/api/npm/remote/...`), because both request kinds are recognised from
 * the end of the path:
 *   tarball    .../<name>/-/<unscoped name>-<version>.tgz   (<name> is `@scope/name` or `@scope%2fname`;
 *              some registries repeat the scope in the file part: `/-/@scope/name-1.0.0.tgz`)
 *   packument  .../<name>                                    (scoped as `@scope%2fname` or `@scope/name`)
 * Anything else (search, audit, dist-tags, `/-/` endpoints, git hosts' archives) is not a package.
 */
export type RegistryRequest = { kind: 'tarball'; name: string; version: string } | { kind: 'packument'; name: string };

/** Lenient npm name check: old packages have capitals; `.`/`_` may not start a name. */
const NAME_PART = /^[A-Za-z0-9~-][A-Za-z0-9._~!*'()-]*$/;
/** A semver version (what registries publish); build metadata allowed. */
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const ARCHIVE = /\.(?:tgz|tar|tar\.gz|zip)$/i;

export function parseRegistryUrl(url: string): RegistryRequest | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  const dash = segments.lastIndexOf('-');
  if (dash >= 0) return tarball(segments.slice(0, dash), segments.slice(dash + 1));
  return packument(segments);
}

function tarball(before: string[], after: string[]): RegistryRequest | undefined {
  const name = nameAtEnd(before);
  const file = decode(after.at(-1) ?? '');
  if (name === undefined || file === undefined || !/\.tgz$/i.test(file)) return undefined;
  // The scope may be repeated in the file part (`/-/@scope/name-1.0.0.tgz`): only the last segment counts.
  if (after.length > 2 || (after.length === 2 && decode(after[0]!) !== name.split('/')[0])) return undefined;
  const stem = file.slice(0, -'.tgz'.length);
  const unscoped = name.split('/').pop()!;
  const version = stem.startsWith(`${unscoped}-`) ? stem.slice(unscoped.length + 1) : versionAtEnd(stem);
  return version !== undefined && VERSION.test(version) ? { kind: 'tarball', name, version } : undefined;
}

function packument(segments: string[]): RegistryRequest | undefined {
  const name = nameAtEnd(segments);
  if (name === undefined || ARCHIVE.test(name)) return undefined;
  return { kind: 'packument', name };
}

/** The package name the path ends with: `@scope%2fname`, `@scope/name` or `name`. */
function nameAtEnd(segments: string[]): string | undefined {
  const last = decode(segments.at(-1) ?? '');
  if (last === undefined || last === '') return undefined;
  if (last.includes('/')) {
    const m = /^@([^/]+)\/([^/]+)$/.exec(last);
    return m && NAME_PART.test(m[1]!) && NAME_PART.test(m[2]!) ? last : undefined;
  }
  if (last.startsWith('@') || !NAME_PART.test(last)) return undefined;
  const prev = segments.length >= 2 ? decode(segments.at(-2)!) : undefined;
  if (prev !== undefined && prev.startsWith('@')) return NAME_PART.test(prev.slice(1)) ? `${prev}/${last}` : undefined;
  return last;
}

/** `<anything>-<version>`: the first dash that starts a whole version (names may hold dashes and digits). */
function versionAtEnd(stem: string): string | undefined {
  for (let i = stem.indexOf('-'); i >= 0; i = stem.indexOf('-', i + 1)) {
    const rest = stem.slice(i + 1);
    if (VERSION.test(rest)) return rest;
  }
  return undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function isVersion(text: string): boolean {
  return VERSION.test(text);
}
