import { constants } from 'node:fs';
import { access, chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ErrorCodes, ToolError } from '../core/index.js';

/** A file's text, or null when it does not exist; any other failure is an input error naming it. */
export async function readOptional(file: string, shown: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ToolError(ErrorCodes.io, `${shown}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was changed`, { cause: e });
  }
}

/**
 * Throws unless `file` can be replaced: the file (when it exists) must be writable and not marked
 * read-only, and its directory must take the temporary file. The mode bits are checked as well
 * as access(2): a file someone marked read-only stays read-only even for root, who access()
 * lets write anything.
 */
export async function assertWritable(file: string, shown: string): Promise<void> {
  const st = await stat(file).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
  try {
    if (st) {
      if ((st.mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
      await access(file, constants.W_OK);
    }
    await access(dirname(file), constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ToolError(ErrorCodes.io, `${shown}: cannot write it (${code === 'EACCES' || code === 'EPERM' ? 'read-only' : (code ?? (e as Error).message)}); nothing was changed`, { cause: e });
  }
}

/**
 * Replaces a file atomically: the new text goes to a temporary file beside it (same directory,
 * so the rename cannot cross file systems) with the old file's mode, which is then renamed over
 * it. A reader sees the old file or the new one, never half of one.
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const mode = (await stat(file).catch(() => null))?.mode;
  const tmp = join(dirname(file), `.${basename(file)}.chainwatch-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    if (mode !== undefined) await chmod(tmp, mode & 0o7777);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
