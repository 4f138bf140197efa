/**
 * The one error type chainwatch throws on purpose. `code` is stable and machine readable,
 * `hint` tells the user what to do next. Anything else that escapes is a bug (exit 3).
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: `ERR_${string}`;
  readonly hint: string | undefined;

  constructor(code: `ERR_${string}`, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.hint = opts.hint;
  }
}

export function isToolError(e: unknown): e is ToolError {
  return e instanceof ToolError;
}

/** Error codes used across layers; one place so they stay unique and documented. */
export const ErrorCodes = {
  /** A lockfile or manifest cannot be parsed at all (syntax error, truncated file). */
  parse: 'ERR_PARSE',
  /** The file parsed but is not what its name says (wrong format, unknown shape). */
  format: 'ERR_FORMAT',
  /** The format is known but chainwatch cannot read this variant (e.g. bun.lockb). */
  unsupported: 'ERR_UNSUPPORTED',
  /** A path given by the user does not exist or cannot be read. */
  io: 'ERR_IO',
  /** Bad command-line usage. */
  usage: 'ERR_USAGE',
  /** A configuration file is invalid. */
  config: 'ERR_CONFIG',
  /** Input exceeds a safety limit (size, depth). */
  limit: 'ERR_LIMIT',
  /** A download failed: HTTP error status, timeout, connection refused or cut. */
  network: 'ERR_NETWORK',
  /** The advisory database is not a usable chainwatch database (corrupted, foreign, wrong schema). */
  database: 'ERR_DATABASE',
  /** The user interrupted the work (Ctrl-C); nothing was changed. */
  interrupted: 'ERR_INTERRUPTED',
  /** A package or version does not exist on the registry. */
  notFound: 'ERR_NOT_FOUND',
  /** The registry refused the request (HTTP 401/403): missing, wrong or expired credentials. */
  auth: 'ERR_AUTH',
  /** A download does not match the integrity published for it. */
  integrity: 'ERR_INTEGRITY',
} as const satisfies Record<string, `ERR_${string}`>;
