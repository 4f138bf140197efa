import { parseJson } from './json.js';
import type { Config, PolicyConfig } from './schema.js';

export type { Config, PolicyConfig };
export type { Duration } from './duration.js';
export { toGatePolicy, type GatePolicyShape, type PackagePolicyShape, type PolicyAction } from './policy.js';

/** The file chainwatch looks for in the working directory and its parents. */
export const CONFIG_FILE_NAME = 'chainwatch.config.json';

/** The package.json field that holds the config in a directory without chainwatch.config.json. */
export const PACKAGE_JSON_FIELD = 'chainwatch';

/**
 * Validates a config file. The validator is loaded only when a config file exists, so commands
 * run without one pay nothing for it at startup.
 */
export async function parseConfigFile(text: string, file: string): Promise<Config> {
  const { parseConfig } = await import('./parse.js');
  return parseConfig(text, file);
}

/**
 * The config in a package.json's `chainwatch` field, or undefined when it has none. A package.json
 * that is not JSON is an error: the config it may hold cannot be told apart from none. Errors in
 * the field name it as `file#chainwatch`.
 */
export async function parsePackageJsonConfig(text: string, file: string): Promise<Config | undefined> {
  const manifest = parseJson(text, file, `fix ${file}, or name a config file with --config`);
  if (typeof manifest !== 'object' || manifest === null || !Object.hasOwn(manifest, PACKAGE_JSON_FIELD)) return undefined;
  const { parseConfigValue } = await import('./parse.js');
  return parseConfigValue((manifest as Record<string, unknown>)[PACKAGE_JSON_FIELD], `${file}#${PACKAGE_JSON_FIELD}`);
}
