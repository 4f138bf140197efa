import { isAbsolute, join } from 'node:path';

/**
 * Where the advisory database lives when `--db` does not say: the XDG cache directory
 * (`$XDG_CACHE_HOME/chainwatch/advisories.db`), else `~/.cache/chainwatch/advisories.db`. Pure:
 * the caller passes the environment and home directory, so tests need no real ones. A relative
 * XDG_CACHE_HOME is ignored, as the XDG specification says it must be.
 */
export function defaultAdvisoryDbPath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const xdg = env.XDG_CACHE_HOME;
  const cache = xdg && isAbsolute(xdg) ? xdg : join(homedir, '.cache');
  return join(cache, 'chainwatch', 'advisories.db');
}
