import { basename } from 'node:path/posix';
import { ErrorCodes, ToolError, isToolError, type ReadonlyFs } from '../core/index.js';
import { readerEntries, type ReaderEntry } from './registry.js';
import type { ReadResult, ReaderId } from './types.js';

const INSTALLED_TREE: ReaderId = 'fs/node-modules';

/** Whether a file name is a lockfile some reader understands (path only, no I/O, no reader loaded). */
export function isLockfile(path: string): boolean {
  return lockfileEntriesFor(path).length > 0;
}

function lockfileEntriesFor(path: string): ReaderEntry[] {
  const name = basename(path);
  return readerEntries.filter((r) => r.id !== INSTALLED_TREE && r.basenames.includes(name));
}

/**
 * Reads a lockfile with the reader for its format. Where one name is shared by several formats
 * (yarn.lock: classic and berry) each candidate is tried in turn: a reader refuses a file of the
 * other flavour with ERR_FORMAT, and the file is read from disk only once.
 */
export async function readLockfile(path: string, root: string, fs: ReadonlyFs): Promise<ReadResult & { readerId: ReaderId }> {
  const candidates = lockfileEntriesFor(path);
  if (candidates.length === 0) {
    throw new ToolError(ErrorCodes.format, `${path}: not a lockfile chainwatch can read`, {
      hint: 'pass a directory, or one of package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock',
    });
  }
  const once = readOnce(fs);
  const errors: ToolError[] = [];
  for (const entry of candidates) {
    const reader = await entry.load();
    try {
      return { readerId: reader.id, ...(await reader.read({ path, root, fs: once })) };
    } catch (e) {
      if (!isToolError(e) || candidates.length === 1) throw e;
      errors.push(e);
    }
  }
  throw errors.find((e) => e.code !== ErrorCodes.format) ?? errors[0]!;
}

/** Reads the installed tree under `root`/node_modules. */
export async function readInstalledTree(nodeModulesPath: string, root: string, fs: ReadonlyFs): Promise<ReadResult & { readerId: ReaderId }> {
  const reader = await readerEntries.find((r) => r.id === INSTALLED_TREE)!.load();
  return { readerId: reader.id, ...(await reader.read({ path: nodeModulesPath, root, fs })) };
}

function readOnce(fs: ReadonlyFs): ReadonlyFs {
  const texts = new Map<string, Promise<string>>();
  return {
    ...fs,
    readText(path) {
      let text = texts.get(path);
      if (!text) texts.set(path, (text = fs.readText(path)));
      return text;
    },
  };
}
