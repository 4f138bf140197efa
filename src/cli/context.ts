import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { ErrorCodes, ToolError } from '../core/index.js';
import { CONFIG_FILE_NAME, parseConfigFile, type Config } from '../config/index.js';
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
  return { io, format, style: createStyle(format === 'text' && colorEnabled(io, flags.color)), debug: flags.debug ?? false, ignore };
}

async function loadConfig(io: CliIo, explicit: string | undefined): Promise<{ config: Config; dir: string } | undefined> {
  const file = explicit ? resolve(io.cwd, explicit) : findUp(io.cwd, CONFIG_FILE_NAME);
  if (!file) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ToolError(ErrorCodes.config, `${explicit ?? file}: cannot read the config file`, { hint: 'check the --config path' });
  }
  return { config: await parseConfigFile(text, file), dir: dirname(file) };
}

function findUp(start: string, name: string): string | undefined {
  for (let dir = isAbsolute(start) ? start : resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
