import * as v from 'valibot';
import { ErrorCodes, ToolError } from '../core/index.js';
import { ConfigSchema, type Config } from './schema.js';

/** Parses and validates a config file's text; throws ToolError(ERR_CONFIG) naming the file and key. */
export function parseConfig(text: string, file: string): Config {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ToolError(ErrorCodes.config, `${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  // valibot's object schemas accept arrays (they are objects in JS): refuse them here.
  if (Array.isArray(data)) throw new ToolError(ErrorCodes.config, `${file}: (top level): Invalid type: Expected Object but received Array`);
  const result = v.safeParse(ConfigSchema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = issue.path?.map((p) => String(p.key)).join('.') || '(top level)';
  throw new ToolError(ErrorCodes.config, `${file}: ${key}: ${issue.message}`, {
    hint: 'see docs/config.schema.json for the keys chainwatch accepts',
  });
}
