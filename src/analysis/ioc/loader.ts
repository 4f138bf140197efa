import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, installPath, parseDataJson, ToolError } from '../../core/index.js';
import { createIocMatcher } from './matcher.js';
import type { IocMatcher } from './matcher.js';
import type { IocFile } from './types.js';
import { validateIocFile } from './validate.js';

/** The IOC data shipped with chainwatch: `data/ioc/` at the package root. */
export const IOC_DATA_DIR = installPath('data', 'ioc');

export interface IocOptions {
  /** Another folder of `<incident>.json` files (tests, a user's own indicators). Default: the shipped data. */
  dir?: string;
}

interface Loaded {
  files: IocFile[];
  matcher: IocMatcher;
}

/** Loaded and compiled once per folder per process: the data only changes with a chainwatch release. */
const cache = new Map<string, Loaded>();

/** Every IOC file, sorted by incident. Throws ToolError naming the file when one is malformed. */
export function loadIocFiles(opts: IocOptions = {}): IocFile[] {
  return load(opts).files;
}

/** The matcher over every signature of the folder, built on first use. */
export function iocMatcher(opts: IocOptions = {}): IocMatcher {
  return load(opts).matcher;
}

function load(opts: IocOptions): Loaded {
  const dir = opts.dir ?? IOC_DATA_DIR;
  let loaded = cache.get(dir);
  if (loaded === undefined) {
    const files = readIocFiles(dir);
    loaded = { files, matcher: createIocMatcher(files) };
    cache.set(dir, loaded);
  }
  return loaded;
}

function readIocFiles(dir: string): IocFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new ToolError(ErrorCodes.io, `${dir}: cannot read the IOC data folder`, { hint: INSTALL_HINT, cause: e });
  }
  // No signatures would make every inspection pass: a broken installation must not look clean.
  if (names.length === 0) {
    throw new ToolError(ErrorCodes.io, `${dir}: no IOC files (*.json) in the IOC data folder`, { hint: INSTALL_HINT });
  }
  const files = names.map((name) => validateIocFile(parseFile(join(dir, name)), join(dir, name), name.slice(0, -'.json'.length)));
  // A finding names its signature id (and a suppression will): one id must mean one indicator.
  const owner = new Map<string, string>();
  for (const [i, file] of files.entries()) {
    for (const s of file.signatures) {
      const first = owner.get(s.id);
      if (first !== undefined) {
        throw new ToolError(ErrorCodes.format, `${join(dir, names[i]!)}: signature id "${s.id}" is also used in ${first}`, { hint: HINT });
      }
      owner.set(s.id, names[i]!);
    }
  }
  return files;
}

function parseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ToolError(ErrorCodes.io, `${file}: cannot be read: ${String(e)}`, { hint: HINT, cause: e });
  }
  return parseDataJson(text, file, HINT);
}

const HINT = 'Fix the file against docs/schemas/ioc.schema.json, or reinstall chainwatch if you did not edit it.';
const INSTALL_HINT = 'The chainwatch installation looks incomplete: reinstall it.';
