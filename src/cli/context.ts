import { basename, dirname, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { ErrorCodes, ToolError } from '../core/index.js';
import {
  CONFIG_FILE_NAME,
  PACKAGE_JSON_FIELD,
  parseConfigFile,
  parsePackageJsonConfig,
  toGatePolicy,
  type Config,
  type GatePolicyShape,
} from '../config/index.js';
import { colorEnabled, createStyle, type CliIo, type Style } from './io.js';

/** Every output format some command has; each command says which it supports (CommandHost.action). */
export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** The options every command shares, after flags and the config file are merged. */
export interface CommandContext {
  io: CliIo;
  format: Format;
  style: Style;
  debug: boolean;
  /** Directory ignore rules from the config file: names, or absolute paths. */
  ignore: string[];
  /** The install gate's policy: the config's `policy` key with its defaults filled in. */
  policy: GatePolicyShape;
  /** The directory of the config in effect (its chainwatch.config.json or package.json); undefined without one. */
  configDir: string | undefined;
}

export interface GlobalFlags {
  format?: Format;
  color?: boolean;
  debug?: boolean;
  config?: string;
}

/** Flags override the config file; the config file overrides defaults. */
export async function createContext(io: CliIo, flags: GlobalFlags): Promise<CommandContext> {
  const loaded = await loadConfig(io, flags.config);
  const format = flags.format ?? loaded?.config.format ?? 'text';
  const ignore = (loaded?.config.ignore ?? []).map((i) => (i.includes('/') ? resolve(loaded!.dir, i) : i));
  return {
    io,
    format,
    style: createStyle(format === 'text' && colorEnabled(io, flags.color)),
    debug: flags.debug ?? false,
    ignore,
    policy: toGatePolicy(loaded?.config.policy),
    configDir: loaded?.dir,
  };
}

/**
 * `--config FILE` (a package.json there means its `chainwatch` field), or else the nearest
 * directory, from the working directory up, with a chainwatch.config.json or a package.json with
 * a `chainwatch` field; when one directory has both, chainwatch.config.json wins.
 */
async function loadConfig(io: CliIo, explicit: string | undefined): Promise<{ config: Config; dir: string } | undefined> {
  if (explicit) {
    const file = resolve(io.cwd, explicit);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new ToolError(ErrorCodes.config, `${explicit}: cannot read the config file`, { hint: 'check the --config path', cause: e });
    }
    if (basename(file) !== 'package.json') return { config: await parseConfigFile(text, file), dir: dirname(file) };
    const config = await parsePackageJsonConfig(text, file);
    if (!config) throw new ToolError(ErrorCodes.config, `${explicit}: has no "${PACKAGE_JSON_FIELD}" field`, { hint: 'check the --config path' });
    return { config, dir: dirname(file) };
  }
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    const configFile = join(dir, CONFIG_FILE_NAME);
    const text = await readIfExists(configFile);
    if (text !== undefined) return { config: await parseConfigFile(text, configFile), dir };
    const manifest = join(dir, 'package.json');
    const manifestText = await readIfExists(manifest);
    const config = manifestText === undefined ? undefined : await parsePackageJsonConfig(manifestText, manifest);
    if (config) return { config, dir };
    if (dirname(dir) === dir) return undefined;
  }
}

/** The file's text, or undefined when there is no such file; any other failure is a config error. */
async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ToolError(ErrorCodes.config, `${file}: cannot read it while looking for the config (${code ?? (e as Error).message})`, {
      hint: 'name the config file with --config',
      cause: e,
    });
  }
}
