import type { NpmConfig } from './npm-config.js';

/**
 * What every registry request takes: the user's npm configuration, and the few of npm's settings a
 * caller may override. Everything else (proxy, `cafile`, per-registry credentials, retry backoff)
 * is npm's flat options as loaded, handed to npm-registry-fetch unchanged, so a token goes only to
 * the registry it is configured for.
 */
export interface RegistryRequestOptions {
  config: NpmConfig;
  /** Per-request timeout; default npm's `fetch-timeout`. */
  timeoutMs?: number;
  /** Retries on network errors and 5xx answers, with npm's backoff; default npm's `fetch-retries`. */
  retries?: number;
  /**
   * A cacache folder for packuments and tarballs, or `false` for none. Default: npm's own cache
   * (`<npm cache>/_cacache`), shared with npm. Packuments are revalidated on every call; tarballs
   * are addressed by integrity, so a cached one is the published one.
   */
  cache?: string | false;
}

/** npm's flat options with the caller's overrides, ready for npm-registry-fetch. */
export function flatOptions(opts: RegistryRequestOptions): Record<string, unknown> {
  const flat = opts.config.fetchOptions();
  if (opts.timeoutMs !== undefined) flat['timeout'] = opts.timeoutMs;
  if (opts.retries !== undefined) flat['retry'] = { ...(flat['retry'] as object | undefined), retries: opts.retries };
  if (opts.cache === false) delete flat['cache'];
  else if (opts.cache !== undefined) flat['cache'] = opts.cache;
  // Never a reason to fetch without a check: a tarball is always fetched with its published integrity.
  delete flat['integrity'];
  return flat;
}

/** The timeout the options give, for messages (0: none). */
export function timeoutOf(flat: Record<string, unknown>): number {
  return Number(flat['timeout']) || 0;
}
