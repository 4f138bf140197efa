import * as v from 'valibot';
import { ErrorCodes, ToolError } from '../core/index.js';
import { policyProblem } from './check.js';
import { parseJson } from './json.js';
import { ConfigSchema, type Config } from './schema.js';

/** Parses and validates a config file's text; throws ToolError(ERR_CONFIG) naming the file and key. */
export function parseConfig(text: string, file: string): Config {
  return parseConfigValue(parseJson(text, file), file);
}

/**
 * Validates an already parsed config; `source` names it in errors (`/p/chainwatch.config.json`,
 * `/p/package.json#chainwatch`). Errors are one line: `source: key.path: what is wrong`.
 */
export function parseConfigValue(data: unknown, source: string): Config {
  const fail = (path: readonly PathKey[], message: string) =>
    new ToolError(ErrorCodes.config, `${source}: ${formatPath(path)}: ${message}`, {
      hint: 'see docs/config.schema.json for the keys chainwatch accepts',
    });
  const array = arrayForMapping(ConfigSchema, data, []);
  if (array) throw fail(array, 'Invalid type: Expected Object but received Array');
  const result = v.safeParse(ConfigSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    throw fail(issue.path?.map((p) => p.key as PathKey) ?? [], issue.message);
  }
  const problem = result.output.policy && policyProblem(result.output.policy);
  if (problem) throw fail(problem.path, problem.message);
  return result.output;
}

type PathKey = string | number;

/** The parts of a valibot schema the walk below looks at. */
interface SchemaNode {
  type: string;
  wrapped?: SchemaNode;
  entries?: Record<string, SchemaNode>;
  value?: SchemaNode;
}

/**
 * valibot's object and record schemas accept arrays (they are objects in JS), so an array where
 * the schema wants a mapping (`"policy": []`) would pass: the path of the first one, if any.
 */
function arrayForMapping(schema: SchemaNode, data: unknown, path: PathKey[]): PathKey[] | undefined {
  if (schema.type === 'optional') return data === undefined ? undefined : arrayForMapping(schema.wrapped!, data, path);
  if (schema.type !== 'strict_object' && schema.type !== 'record') return undefined;
  if (Array.isArray(data)) return path;
  if (typeof data !== 'object' || data === null) return undefined;
  const children: [string, SchemaNode][] = schema.entries
    ? Object.entries(schema.entries)
    : Object.keys(data).map((key) => [key, schema.value!]);
  for (const [key, child] of children) {
    const found = arrayForMapping(child, (data as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** `policy.installScripts.allow.0`; keys that are not identifiers are quoted: `policy.packages["@myorg/*"]`. */
function formatPath(path: readonly PathKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => (typeof key === 'number' || /^[A-Za-z_$][\w$]*$/.test(key) ? `${i ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`))
    .join('');
}
