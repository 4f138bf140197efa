import type { Readable } from 'node:stream';
import { npmFetch } from './npm-fetch.js';
import { requestError } from './errors.js';
import { flatOptions, timeoutOf, type RegistryRequestOptions } from './request.js';

/**
 * One request to a registry, answered as the registry answered it: for a proxy that passes
 * responses on. Goes through npm's own fetch stack with the user's npm configuration, so the
 * credentials configured for that URL's registry (and only those) are sent, with npm's proxy,
 * `cafile`, retries and HTTP cache.
 */
export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: Readable | Buffer;
  /** A tarball's published integrity: the body is checked against it as it streams. */
  integrity?: string;
  /** Revalidate a cached response with the registry before using it. */
  preferOnline?: boolean;
  /** The package this is for, for npm's scoped-registry credentials and for messages. */
  spec?: string;
}

export interface RawResponse {
  /** Any status: HTTP errors are answers too, not exceptions. */
  status: number;
  headers: Record<string, string>;
  /** A stream for successful answers (consume or destroy it), the body bytes of an error. */
  body: Readable | Buffer;
}

/**
 * Throws a ToolError (ERR_NETWORK, ERR_INTEGRITY, …) only when there is no HTTP answer to pass on:
 * connection refused, timeout, or a body that does not match `integrity`.
 */
export async function fetchRaw(url: string, opts: RegistryRequestOptions, req: RawRequest = {}): Promise<RawResponse> {
  const flat = flatOptions(opts);
  try {
    const res = await (await npmFetch())(url, {
      ...flat,
      method: req.method ?? 'GET',
      ...(req.headers === undefined ? {} : { headers: req.headers }),
      ...(req.body === undefined ? {} : { body: req.body }),
      // With an integrity to check, any cached copy is the published one, however old.
      ...(req.integrity === undefined ? {} : { integrity: req.integrity, preferOffline: true }),
      ...(req.spec === undefined ? {} : { spec: req.spec }),
      ...(req.preferOnline ? { preferOnline: true } : {}),
    });
    return { status: res.status, headers: headerRecord(res.headers), body: res.body };
  } catch (e) {
    const http = e as { statusCode?: unknown; headers?: unknown; body?: unknown };
    if (typeof http.statusCode === 'number') {
      const body = Buffer.isBuffer(http.body) ? http.body : Buffer.from(http.body === undefined || http.body === null ? '' : JSON.stringify(http.body));
      return { status: http.statusCode, headers: headerRecord(http.headers), body };
    }
    throw requestError(e, { spec: req.spec ?? url, url, registry: url, timeoutMs: timeoutOf(flat) });
  }
}

/** minipass-fetch Headers, or the `raw()` record of arrays an HTTP error keeps, as one value per name. */
function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  const entries = typeof (headers as { entries?: unknown }).entries === 'function' ? [...(headers as Map<string, string>).entries()] : Object.entries(headers as Record<string, unknown>);
  for (const [name, value] of entries) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  return out;
}
