import { isAbsolute, join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * chainwatch's cache directory: `$XDG_CACHE_HOME/chainwatch`, else `~/.cache/chainwatch`. Pure:
 * the caller passes the environment and home directory, so tests need no real ones. A relative
 * XDG_CACHE_HOME is ignored, as the XDG specification says it must be.
 */
export function cacheDir(env: Env, homedir: string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir, '.cache'), 'chainwatch');
}

/** Where the advisory database lives when `--db` does not say. */
export function defaultAdvisoryDbPath(env: Env, homedir: string): string {
  return join(cacheDir(env, homedir), 'advisories.db');
}

/** Where `inspect` keeps its results by package fingerprint. */
export function defaultResultCachePath(env: Env, homedir: string): string {
  return join(cacheDir(env, homedir), 'inspect-results.db');
}
