import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCodes, ToolError } from '../../../core/index.js';
import { readZipEntries } from './read-zip.js';

/**
 * The raw bytes of each OSV document in a source: one JSON file, a directory of them (searched
 * recursively, in sorted order so imports are reproducible), or OSV's export zip. Parsing is the
 * caller's: a document that is not JSON is a skipped record, not a failed import.
 */
export interface OsvDocument {
  /** Where it came from, for diagnostics: a path, or `<zip>!/<entry>`. */
  location: string;
  bytes: Buffer;
}

/** A document the reader had to skip without reading it (too large, undecodable zip entry). */
export interface OsvUnreadable {
  location: string;
  reason: string;
}

export type OsvSourceKind = 'zip' | 'dir' | 'file';

/** One OSV record is a few KB; anything this large is not one, and would only cost memory. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** What kind of source a local path is: a directory, a zip (by name or magic bytes), else a JSON file. */
export async function detectOsvSource(path: string): Promise<OsvSourceKind> {
  const info = await stat(path).catch((e: unknown) => {
    throw ioError(path, e);
  });
  if (info.isDirectory()) return 'dir';
  if (!info.isFile()) throw new ToolError(ErrorCodes.io, `${path}: not a file or directory`, { hint: 'pass an OSV JSON file, a directory of them, or a zip' });
  // Named .zip: read as one, so a damaged archive is reported as such rather than as bad JSON.
  if (path.toLowerCase().endsWith('.zip')) return 'zip';
  const head = Buffer.alloc(4);
  const handle = await open(path, 'r').catch((e: unknown) => {
    throw ioError(path, e);
  });
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  // Local file header, or the end record of an empty archive.
  return head.toString('latin1') === 'PK\x03\x04' || head.toString('latin1') === 'PK\x05\x06' ? 'zip' : 'file';
}

export async function* readOsvDocuments(
  path: string,
  opts: { kind?: OsvSourceKind; onUnreadable?: (u: OsvUnreadable) => void } = {},
): AsyncGenerator<OsvDocument> {
  const kind = opts.kind ?? (await detectOsvSource(path));
  const skip = opts.onUnreadable ?? (() => {});
  if (kind === 'zip') yield* readZipEntries(path, { maxBytes: MAX_DOCUMENT_BYTES, onUnreadable: skip });
  else if (kind === 'dir') yield* readDirectory(path, skip);
  else yield { location: path, bytes: await readSmallFile(path) };
}

async function* readDirectory(root: string, skip: (u: OsvUnreadable) => void): AsyncGenerator<OsvDocument> {
  for (const file of await jsonFilesUnder(root)) {
    const size = (await stat(file).catch((e: unknown) => { throw ioError(file, e); })).size;
    if (size > MAX_DOCUMENT_BYTES) {
      skip({ location: file, reason: `larger than ${MAX_DOCUMENT_BYTES / 2 ** 20} MiB` });
      continue;
    }
    yield { location: file, bytes: await readFile(file).catch((e: unknown) => { throw ioError(file, e); }) };
  }
}

/** Every *.json file below root, sorted; symbolic links are not followed (no loops, no escapes). */
async function jsonFilesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => { throw ioError(dir, e); });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && e.name.endsWith('.json')) out.push(path);
    }
  };
  await walk(root);
  return out;
}

async function readSmallFile(path: string): Promise<Buffer> {
  const size = (await stat(path).catch((e: unknown) => { throw ioError(path, e); })).size;
  // A single JSON file may hold many records (an array, or an OSV API answer), so it gets more room.
  if (size > 0x1fffffe8) {
    throw new ToolError(ErrorCodes.limit, `${path}: ${Math.round(size / 2 ** 20)} MiB is too large for one JSON file`, {
      hint: 'split it into one file per record, or zip them as OSV does',
    });
  }
  return readFile(path).catch((e: unknown) => { throw ioError(path, e); });
}

export function ioError(path: string, e: unknown): ToolError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const what =
    code === 'ENOENT' ? 'no such file or directory'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' ? 'not a directory'
    : code === 'EISDIR' ? 'is a directory, expected a file'
    : (e as Error | undefined)?.message ?? 'cannot be read';
  return new ToolError(ErrorCodes.io, `${path}: ${what}`, { cause: e, hint: 'pass an OSV JSON file, a directory of them, or a zip' });
}
