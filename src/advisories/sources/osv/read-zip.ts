import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import type * as Yauzl from 'yauzl';
import { ErrorCodes, ToolError } from '../../../core/index.js';
import type { OsvDocument, OsvUnreadable } from './read.js';

const load = createRequire(import.meta.url);

/**
 * The *.json entries of a zip, one at a time, with yauzl reading the central directory (so zip64
 * archives and odd local headers are handled by a well-tested parser). OSV's npm export holds
 * hundreds of thousands of ~2 KB records, where yauzl's default per-entry machinery (several
 * small reads and a chain of streams with a zlib stream per entry) costs more than the records
 * themselves. So the file is read through a windowed reader (one read per MiB, not several per
 * entry) and each entry's bytes are inflated in one synchronous call. Memory stays at two windows
 * plus one record, whatever the archive's size. Entry names are decoded here rather than by yauzl,
 * whose name checks (meant for extracting to disk, which we never do) would abort the whole
 * archive over one odd name.
 */
export async function* readZipEntries(
  path: string,
  opts: { maxBytes: number; onUnreadable: (u: OsvUnreadable) => void },
): AsyncGenerator<OsvDocument> {
  const yauzl = load('yauzl') as typeof Yauzl;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new ToolError(ErrorCodes.io, `${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  const reader = createWindowedReader(yauzl, handle);
  let zip: Yauzl.ZipFile;
  try {
    const size = (await handle.stat()).size;
    zip = await yauzl.fromRandomAccessReaderPromise(reader, size, { lazyEntries: true, decodeStrings: false, autoClose: false });
  } catch (e) {
    await handle.close().catch(() => {});
    throw notAZip(path, e);
  }
  const entries = zip.eachEntry();
  try {
    for (;;) {
      let next: IteratorResult<Yauzl.Entry>;
      try {
        next = await entries.next();
      } catch (e) {
        throw notAZip(path, e);
      }
      if (next.done) return;
      const entry = next.value;
      const name = entry.fileNameRaw.toString('utf8');
      if (!name.endsWith('.json')) continue;
      const location = `${path}!/${name}`;
      if (entry.uncompressedSize > opts.maxBytes) {
        opts.onUnreadable({ location, reason: `larger than ${opts.maxBytes / 2 ** 20} MiB` });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await readEntry(zip, reader, entry, opts.maxBytes);
      } catch (e) {
        opts.onUnreadable({ location, reason: `cannot be decompressed (${(e as Error).message})` });
        continue;
      }
      yield { location, bytes };
    }
  } finally {
    // Stopping early (an error, or the consumer breaking off) must not leave the file open.
    zip.close();
    await handle.close().catch(() => {});
  }
}

async function readEntry(zip: Yauzl.ZipFile, reader: WindowedReader, entry: Yauzl.Entry, maxBytes: number): Promise<Buffer> {
  if (entry.isEncrypted()) throw new Error('encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`compression method ${entry.compressionMethod}`);
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  const raw = await reader.readAt(fileDataStart, entry.compressedSize);
  const bytes = entry.compressionMethod === 8 ? inflateRawSync(raw, { maxOutputLength: maxBytes }) : raw;
  if (bytes.length !== entry.uncompressedSize) throw new Error(`${bytes.length} bytes, the archive says ${entry.uncompressedSize}`);
  return bytes;
}

interface WindowedReader extends Yauzl.RandomAccessReader {
  /** A copy of `length` bytes at `position`; fails at end of file. */
  readAt(position: number, length: number): Promise<Buffer>;
}

/** Window size: large enough that a read per window is negligible, small enough not to matter. */
const WINDOW = 1 << 20;

/**
 * yauzl's RandomAccessReader over a file, serving reads from two cached windows: the central
 * directory (at the end of the file) and the entries' data (from the start) are read in two
 * interleaved sequential passes, so each keeps its own window.
 */
function createWindowedReader(yauzl: typeof Yauzl, handle: FileHandle): WindowedReader {
  const windows: { start: number; bytes: Buffer }[] = [];
  const fill = async (position: number, length: number): Promise<Buffer> => {
    const size = Math.max(length, WINDOW);
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buffer, 0, size, position);
    const bytes = buffer.subarray(0, bytesRead);
    // Keep the most recently filled window for each pass; the oldest goes.
    windows.unshift({ start: position, bytes });
    if (windows.length > 2) windows.pop();
    return bytes;
  };
  const slice = async (position: number, length: number): Promise<Buffer> => {
    const hit = windows.find((w) => position >= w.start && position + length <= w.start + w.bytes.length);
    if (hit) {
      // Move the hit to the front so the other pass's window is the one replaced next.
      if (windows[0] !== hit) windows.reverse();
      return hit.bytes.subarray(position - hit.start, position - hit.start + length);
    }
    const bytes = await fill(position, length);
    if (bytes.length < length) throw new Error('unexpected end of file');
    return bytes.subarray(0, length);
  };

  class Windowed extends yauzl.RandomAccessReader {
    override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
      slice(position, length).then(
        (bytes) => callback(null, bytes.copy(buffer, offset)),
        (e: Error) => callback(e),
      );
    }
    override _readStreamForRange(start: number, end: number): Readable {
      // Not used by readZipEntries (it inflates entries itself); kept correct for yauzl's own use.
      return Readable.from((async function* () { yield await slice(start, end - start); })());
    }
    // Windows are never written to once filled, so handing out views of them is safe.
    readAt(position: number, length: number): Promise<Buffer> {
      return slice(position, length);
    }
  }
  return new Windowed();
}

function notAZip(path: string, e: unknown): ToolError {
  return new ToolError(ErrorCodes.format, `${path}: not a usable zip file (${(e as Error).message})`, {
    cause: e,
    hint: 'download the archive again, or pass a directory of OSV JSON files',
  });
}
