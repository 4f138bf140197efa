import { ErrorCodes, ToolError } from '../core/index.js';

/** JSON.parse with the error naming the file; a leading byte-order mark is tolerated, as npm does. */
export function parseJson(text: string, file: string, hint?: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ToolError(ErrorCodes.config, `${file}: not valid JSON (${(e as Error).message})`, { cause: e, ...(hint ? { hint } : {}) });
  }
}
