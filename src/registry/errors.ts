import { ErrorCodes, ToolError } from '../core/index.js';

/**
 * Registry failures as one-line ToolErrors that name the spec and the URL. A caller that needs to
 * tell them apart (retry on network, never on integrity) switches on `code` (core's ErrorCodes).
 */
export interface RequestContext {
  spec: string;
  url: string;
  registry: string;
  timeoutMs: number;
  /** What was asked for: a 404 on a packument means the package does not exist at all. */
  resource?: 'packument' | 'tarball';
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNECTIONTIMEOUT', 'EIDLETIMEOUT', 'ERESPONSETIMEOUT', 'ETRANSFERTIMEOUT']);

/** Turns what npm-registry-fetch (make-fetch-happen, minipass-fetch, ssri) throws into a ToolError. */
export function requestError(e: unknown, ctx: RequestContext): ToolError {
  if (e instanceof ToolError) return e;
  const err = (e ?? {}) as { code?: string; statusCode?: number; type?: string; message?: string };
  const url = redactUrl(ctx.url);
  const opts = { cause: e };
  if (err.code === 'EINTEGRITY' || err.code === 'EBADSIZE') {
    return integrityError(ctx.spec, url, opts);
  }
  if (typeof err.statusCode === 'number') {
    const status = err.statusCode;
    if (status === 404) {
      const what = ctx.resource === 'packument' ? `${ctx.spec}: no such package on` : `${ctx.spec} not found on`;
      return new ToolError(ErrorCodes.notFound, `${what} ${redactUrl(ctx.registry)} (${url} answered 404)`, {
        hint: 'check the name; for a private package check its scoped registry and token in .npmrc',
        ...opts,
      });
    }
    if (status === 401 || status === 403 || err.code === 'EOTP' || err.code === 'EAUTHIP') {
      return new ToolError(ErrorCodes.auth, `${ctx.spec}: ${url} refused access (HTTP ${status})`, {
        hint: `log in to ${redactUrl(ctx.registry)} (\`npm login --registry ${redactUrl(ctx.registry)}\`) or set its _authToken in .npmrc`,
        ...opts,
      });
    }
    return new ToolError(ErrorCodes.network, `${ctx.spec}: ${url} answered HTTP ${status}`, {
      hint: 'the registry may be down or overloaded; try again later',
      ...opts,
    });
  }
  if (err.type === 'request-timeout' || (err.code !== undefined && TIMEOUT_CODES.has(err.code))) {
    return new ToolError(ErrorCodes.network, `${ctx.spec}: ${url} timed out after ${ctx.timeoutMs} ms`, {
      hint: 'check the network or proxy, or allow more time (npm config `fetch-timeout`)',
      ...opts,
    });
  }
  if (err.type === 'invalid-json' || err.code === 'EJSONPARSE') {
    return new ToolError(ErrorCodes.format, `${ctx.spec}: ${url} did not answer with JSON`, {
      hint: 'check that the configured registry URL points at an npm registry',
      ...opts,
    });
  }
  const code = err.code && err.code !== 'FETCH_ERROR' ? err.code : oneLine(err.message ?? String(e));
  return new ToolError(ErrorCodes.network, `${ctx.spec}: cannot fetch ${url} (${code})`, {
    hint: 'check the network, the proxy and the registry URL in .npmrc',
    ...opts,
  });
}

export function integrityError(spec: string, url: string, opts: { cause?: unknown } = {}): ToolError {
  return new ToolError(ErrorCodes.integrity, `${spec}: tarball ${redactUrl(url)} does not match its published integrity`, {
    hint: 'the registry, a proxy or a cache served other bytes than were published; do not install this tarball',
    ...opts,
  });
}

/** A URL fit for messages: no user name or password, no query (signed URLs carry secrets there). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}

function oneLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 200);
}
