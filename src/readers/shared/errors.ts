import { ErrorCodes, ToolError } from '../../core/index.js';

/** `<file>:<line>: <what>` — the one-line shape every reader uses for an unusable file. */
export function lockfileError(
  kind: 'parse' | 'format' | 'unsupported' | 'limit',
  file: string,
  message: string,
  opts: { line?: number; hint?: string; cause?: unknown } = {},
): ToolError {
  const where = opts.line === undefined ? file : `${file}:${opts.line}`;
  const rest: { hint?: string; cause?: unknown } = {};
  if (opts.hint !== undefined) rest.hint = opts.hint;
  if (opts.cause !== undefined) rest.cause = opts.cause;
  return new ToolError(ErrorCodes[kind], `${where}: ${message}`, rest);
}
