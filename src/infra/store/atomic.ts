import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ErrorCodes, ToolError } from '../../core/index.js';

/**
 * Builds a file under a temporary name beside `target`, then renames it over `target`: readers
 * see the old file or the new one, never half of one. When `build` throws (or its caller aborts
 * it), the temporary file is removed and `target` is left exactly as it was. `build` must have
 * closed the file before it returns.
 */
export async function replaceFileAtomically<T>(target: string, build: (tempPath: string) => Promise<T>): Promise<T> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true }).catch((e: unknown) => {
    throw new ToolError(ErrorCodes.io, `${dir}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, {
      cause: e,
      hint: 'pass --db with a path in a writable directory',
    });
  });
  // Same directory, so the rename never crosses file systems; dotted, so it stays out of the way.
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const result = await build(temp);
    await syncFile(temp);
    await rename(temp, target).catch((e: unknown) => {
      throw new ToolError(ErrorCodes.io, `${target}: cannot replace it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, {
        cause: e,
        hint: 'pass --db with the path of a file (not a directory) in a writable directory',
      });
    });
    // The rename itself is durable only once the directory is synced (not possible everywhere).
    await syncFile(dir).catch(() => {});
    return result;
  } catch (e) {
    await removeTemp(temp);
    throw e;
  }
}

/** The temporary file and anything SQLite may have put beside it. */
export async function removeTemp(temp: string): Promise<void> {
  await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(temp + suffix, { force: true }).catch(() => {})));
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
