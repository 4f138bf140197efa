import type { Config } from './schema.js';

export type { Config };

/** The file chainwatch looks for in the working directory and its parents. */
export const CONFIG_FILE_NAME = 'chainwatch.config.json';

/**
 * Validates a config file. The validator is loaded only when a config file exists, so commands
 * run without one pay nothing for it at startup.
 */
export async function parseConfigFile(text: string, file: string): Promise<Config> {
  const { parseConfig } = await import('./parse.js');
  return parseConfig(text, file);
}
