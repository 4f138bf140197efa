import semver from 'semver';

/** What a request to the gate asks for, from its path alone. */
export type Route =
  | { kind: 'health' }
  | { kind: 'packument'; name: string }
  | { kind: 'version'; name: string; spec: string }
  | { kind: 'tarball'; name: string; version: string }
  | { kind: 'pass' };

/**
 * npm's URL layout: `/<name>` (a scoped name as `@scope%2fname` or `@scope/name`), `/<name>/<version
 * or tag>`, `/<name>/-/<unscoped>-<version>.tgz`; paths under `/-/` (search, audit, login, tokens)
 * and anything else are passed on unchanged.
 */
export function routeOf(pathname: string, health: boolean): Route {
  if (health && pathname === '/healthz') return { kind: 'health' };
  if (pathname.startsWith('/-/')) return { kind: 'pass' };
  let segments: string[];
  try {
    segments = pathname.slice(1).replace(/%2f/gi, '/').split('/').map(decodeURIComponent);
  } catch {
    return { kind: 'pass' };
  }
  const scoped = segments[0]?.startsWith('@') ?? false;
  const nameParts = scoped ? 2 : 1;
  if (segments.length < nameParts || segments.slice(0, nameParts).some((s) => s === '')) return { kind: 'pass' };
  const name = segments.slice(0, nameParts).join('/');
  if (!isPackageName(name)) return { kind: 'pass' };
  const rest = segments.slice(nameParts);
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) return { kind: 'packument', name };
  if (rest.length === 1) return { kind: 'version', name, spec: rest[0]! };
  if (rest.length === 2 && rest[0] === '-') {
    const version = tarballVersion(name, rest[1]!);
    if (version !== undefined) return { kind: 'tarball', name, version };
  }
  return { kind: 'pass' };
}

/** The path the gate serves a version's tarball at, as the registry lays tarballs out. */
export function tarballPath(name: string, version: string): string {
  return `${name}/-/${unscoped(name)}-${version}.tgz`;
}

/** `@scope%2fname`: how a package name goes into a registry URL. */
export function escapeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

function tarballVersion(name: string, file: string): string | undefined {
  const prefix = `${unscoped(name)}-`;
  if (!file.startsWith(prefix) || !file.endsWith('.tgz')) return undefined;
  const version = file.slice(prefix.length, -'.tgz'.length);
  return semver.valid(version) === null ? undefined : version;
}

function unscoped(name: string): string {
  return name.slice(name.indexOf('/') + 1);
}

function isPackageName(name: string): boolean {
  return /^(?:@[^/@\s]+\/)?[^/@\s][^/\s]*$/.test(name) && !name.startsWith('.') && !name.startsWith('_');
}
