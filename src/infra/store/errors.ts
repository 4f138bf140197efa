import { ErrorCodes, ToolError } from '../../core/index.js';

/** The database file exists but cannot be used: corrupt, not SQLite, or from another schema. */
export function unusableDatabase(path: string, reason: string, cause?: unknown): ToolError {
  return new ToolError(
    ErrorCodes.database,
    `${path} is not a usable chainwatch database (${reason}); delete it or run \`chainwatch db update\` to rebuild it`,
    { hint: '`chainwatch db update` builds a new file beside it and replaces it only once complete', ...(cause === undefined ? {} : { cause }) },
  );
}
