import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type * as Tar from 'tar';
import type { ReadEntry } from 'tar';
import { ErrorCodes, ToolError } from '../core/index.js';

/**
 * Safe extraction of an npm package tarball (.tgz) into a fresh temporary directory, so the
 * engine can read a package without installing it. Nothing is executed, nothing is written
 * outside the new directory, and a hostile archive yields `problems` instead of a crash:
 *
 * - `..` segments and absolute paths (POSIX, `\` and drive letters too, which mean the same on
 *   Windows) are skipped.
 * - Every link is skipped, as npm itself does when it installs (pacote drops link entries): a
 *   link that points outside the package is a `link-outside` problem, one that stays inside is a
 *   `link` problem (harmless, but no npm tarball needs one).
 * - Character and block devices and FIFOs are skipped (`device`); other exotic entry types
 *   (sparse, volume headers) are skipped as `corrupt`.
 * - Decompression bombs stop the extraction: the decompressed bytes, the ratio of decompressed
 *   to compressed bytes and the entry count are measured while streaming (entry headers are
 *   checked too, but never trusted alone). What was extracted before the stop stays in `dir`.
 * - Files are written 0644 and directories 0755 whatever the archive says, owned by the caller.
 *
 * As in npm, the first path segment (`package/` in tarballs made by `npm pack`, anything in older
 * ones) is stripped, and entries that sit at the top level, outside any folder, are ignored.
 */

export type TarballProblemKind =
  | 'traversal'
  | 'absolute'
  | 'link'
  | 'link-outside'
  | 'device'
  | 'too-large'
  | 'too-many'
  | 'ratio'
  | 'corrupt';

export interface TarballProblem {
  kind: TarballProblemKind;
  /** The entry's path as written in the archive (before `package/` is stripped). */
  path: string;
  message: string;
}

export interface ExtractedTarball {
  /** The new directory that holds the package root (package.json is at `<dir>/package.json`). */
  dir: string;
  problems: TarballProblem[];
  /** What was read: archive entries seen, decompressed and compressed bytes. */
  stats: { entries: number; bytes: number; compressedBytes: number };
  /** Removes `dir`; safe to call more than once. */
  cleanup(): Promise<void>;
}

export interface ExtractLimits {
  /** Stop once the decompressed archive passes this many bytes. Default 256 MiB. */
  maxBytes?: number;
  /** Stop once decompressed / compressed bytes passes this. Default 100. */
  maxRatio?: number;
  /** Stop once the archive has more entries than this. Default 100,000. */
  maxEntries?: number;
}

export interface ExtractOptions extends ExtractLimits {
  /** Where the temporary directory is created. Default: the OS temp directory. */
  tmpRoot?: string;
}

/** A tarball already in memory (e.g. fetched from a registry); `label` names it in errors. */
export interface TarballBytes {
  data: Uint8Array;
  label: string;
}

export const DEFAULT_LIMITS: Required<ExtractLimits> = {
  maxBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 100_000,
};

/**
 * The ratio is judged only past this many decompressed bytes: a tiny archive of padding and empty
 * files compresses extremely well without being a bomb, and cannot hurt anyone either.
 */
const RATIO_GRACE_BYTES = 1024 * 1024;

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const DIR_TYPES = new Set(['Directory', 'GNUDumpDir']);
const LINK_TYPES = new Set(['SymbolicLink', 'Link']);
const DEVICE_TYPES = new Set(['CharacterDevice', 'BlockDevice', 'FIFO']);

export async function extractTarball(input: string | TarballBytes, opts: ExtractOptions = {}): Promise<ExtractedTarball> {
  const label = typeof input === 'string' ? input : input.label;
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(opts) };
  await assertGzip(input, label);

  const dir = await mkdtemp(join(opts.tmpRoot ?? tmpdir(), 'chainwatch-pkg-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const { problems, stats } = await unpackInto(dir, input, label, limits);
    return { dir, problems, stats, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** npm tarballs are gzip; anything else is refused up front with a clear message. */
async function assertGzip(input: string | TarballBytes, label: string): Promise<void> {
  let head: Uint8Array;
  if (typeof input === 'string') {
    let fh;
    try {
      fh = await open(input, 'r');
      const buf = Buffer.alloc(2);
      const { bytesRead } = await fh.read(buf, 0, 2, 0);
      head = buf.subarray(0, bytesRead);
    } catch (e) {
      throw new ToolError(ErrorCodes.io, `${label}: cannot read tarball (${(e as NodeJS.ErrnoException).code ?? String(e)})`, {
        hint: 'check the path and its permissions',
        cause: e,
      });
    } finally {
      await fh?.close();
    }
  } else {
    head = input.data.subarray(0, 2);
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    throw new ToolError(ErrorCodes.format, `${label}: not a gzip-compressed tarball (.tgz)`, {
      hint: 'pass a package tarball as made by `npm pack`, or a package directory',
    });
  }
}

// Loaded on first use: inspecting a directory, the common case, never extracts anything.
let tar: Promise<typeof Tar> | undefined;

async function unpackInto(
  dir: string,
  input: string | TarballBytes,
  label: string,
  limits: Required<ExtractLimits>,
): Promise<{ problems: TarballProblem[]; stats: ExtractedTarball['stats'] }> {
  const { Unpack } = await (tar ??= import('tar'));
  const problems: TarballProblem[] = [];
  const stats = { entries: 0, bytes: 0, compressedBytes: 0 };
  let stopped = false;

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      source.destroy();
      gunzip.destroy();
      reject(e);
    };

    const source: Readable = typeof input === 'string' ? createReadStream(input) : Readable.from([Buffer.from(input.data)]);
    const gunzip = createGunzip();
    const unpack = new Unpack({
      cwd: dir,
      strip: 1,
      // tar's own guards stay on as a second line of defence behind `admit`.
      preservePaths: false,
      preserveOwner: false,
      chmod: false,
      noMtime: true,
      strict: false,
      // The input reaching tar is already decompressed and measured here; these make sure tar does
      // not try to decompress it again.
      gzip: false,
      zstd: false,
      brotli: false,
      maxDecompressionRatio: Infinity,
      filter: (path, entry) => admit(path, entry as ReadEntry),
      onwarn: (code, message, data) => {
        // After a stop the archive is cut short on purpose; tar's complaints about that are noise.
        if (stopped || code === 'TAR_ENTRY_INFO') return;
        problems.push({ kind: 'corrupt', path: warnedPath(data), message: `${code}: ${message.replaceAll(`${dir}/`, '')}` });
      },
    });

    const judged = new WeakSet<ReadEntry>();
    /** The gatekeeper: decides per entry from its header, before tar touches the disk. */
    const admit = (path: string, entry: ReadEntry): boolean => {
      judged.add(entry);
      if (stopped) return false;
      stats.entries++;
      if (stats.entries > limits.maxEntries) {
        stop({ kind: 'too-many', path, message: `more than ${limits.maxEntries} entries; extraction stopped` });
        return false;
      }
      const reject = (kind: TarballProblemKind, message: string) => {
        problems.push({ kind, path, message });
        return false;
      };
      if (isAbsolute(path)) return reject('absolute', 'absolute path; entry skipped');
      if (segments(path).includes('..')) return reject('traversal', "path contains '..'; entry skipped");
      if (LINK_TYPES.has(entry.type)) {
        const target = entry.linkpath ?? '';
        return linkLeavesRoot(path, entry.type, target)
          ? reject('link-outside', `${entry.type} to ${JSON.stringify(target)} leaves the package; entry skipped`)
          : reject('link', `${entry.type} to ${JSON.stringify(target)}; links are never extracted`);
      }
      if (DEVICE_TYPES.has(entry.type)) return reject('device', `${entry.type} entry; entry skipped`);
      if (!FILE_TYPES.has(entry.type) && !DIR_TYPES.has(entry.type)) {
        return reject('corrupt', `unsupported entry type ${entry.type}; entry skipped`);
      }
      // A header that alone claims more than the whole budget need not be read to be refused; the
      // streaming count below catches everything else, whatever the headers claim.
      if (entry.size > limits.maxBytes) {
        stop({ kind: 'too-large', path, message: `entry claims ${entry.size} bytes, over the ${limits.maxBytes}-byte limit; extraction stopped` });
        return false;
      }
      // Never keep an executable, setuid or world-writable bit from the archive.
      entry.mode = DIR_TYPES.has(entry.type) ? 0o755 : 0o644;
      return true;
    };

    // tar drops entry types it does not know (sparse files, volume headers) before `filter` sees
    // them; they are still entries, so they count and are reported.
    unpack.on('ignoredEntry', (entry: ReadEntry) => {
      if (judged.has(entry) || entry.meta) return;
      admit(entry.path, entry);
    });

    /** Ends the extraction early: no more input reaches tar, which finishes what it has. */
    const stop = (problem: TarballProblem) => {
      if (stopped) return;
      stopped = true;
      problems.push(problem);
      source.destroy();
      gunzip.destroy();
      unpack.end();
    };

    source.on('data', (chunk: Buffer | string) => {
      stats.compressedBytes += chunk.length;
    });
    source.on('error', (e: Error) => {
      if (!stopped) fail(new ToolError(ErrorCodes.io, `${label}: cannot read tarball (${(e as NodeJS.ErrnoException).code ?? e.message})`, { cause: e }));
    });
    gunzip.on('error', (e) => {
      if (!stopped) {
        fail(new ToolError(ErrorCodes.parse, `${label}: corrupt gzip data (${e.message})`, {
          hint: 'the tarball is damaged or truncated; download it again',
          cause: e,
        }));
      }
    });
    gunzip.on('data', (chunk: Buffer) => {
      if (stopped) return;
      stats.bytes += chunk.length;
      if (stats.bytes > limits.maxBytes) {
        return stop({ kind: 'too-large', path: '', message: `more than ${limits.maxBytes} decompressed bytes; extraction stopped` });
      }
      const ratio = stats.bytes / Math.max(1, stats.compressedBytes);
      if (stats.bytes > RATIO_GRACE_BYTES && ratio > limits.maxRatio) {
        return stop({ kind: 'ratio', path: '', message: `decompresses more than ${limits.maxRatio}x (${Math.floor(ratio)}x so far); extraction stopped` });
      }
      // Backpressure: tar writes files as it goes; let it catch up before reading more.
      if (!unpack.write(chunk)) {
        gunzip.pause();
        unpack.once('drain', () => gunzip.resume());
      }
    });
    gunzip.on('end', () => {
      if (!stopped) unpack.end();
    });
    unpack.on('error', (err: unknown) => {
      if (stopped) return;
      const e = err as Error & { tarCode?: string };
      // Nothing recognisable as tar at all: the file is not a package tarball.
      if (e.tarCode === 'TAR_BAD_ARCHIVE' && /Unrecognized archive format/.test(e.message)) {
        return fail(new ToolError(ErrorCodes.format, `${label}: gzip data is not a tar archive`, {
          hint: 'pass a package tarball as made by `npm pack`',
          cause: e,
        }));
      }
      problems.push({ kind: 'corrupt', path: '', message: e.message });
    });
    // 'close' comes after every pending file write has finished, so `dir` is complete.
    unpack.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ problems, stats });
    });
    source.pipe(gunzip);
  });
}

/** The archive path a tar warning is about, as written in the archive (before stripping). */
function warnedPath(data: unknown): string {
  const d = data as { entry?: ReadEntry; header?: { path?: string }; path?: string };
  return d.entry?.header.path ?? d.header?.path ?? d.entry?.path ?? d.path ?? '';
}

function definedOnly(opts: ExtractLimits): ExtractLimits {
  const out: ExtractLimits = {};
  if (opts.maxBytes !== undefined) out.maxBytes = opts.maxBytes;
  if (opts.maxRatio !== undefined) out.maxRatio = opts.maxRatio;
  if (opts.maxEntries !== undefined) out.maxEntries = opts.maxEntries;
  return out;
}

/** Both separators count: `..\\x` is traversal on Windows, where these tarballs may be unpacked too. */
function segments(path: string): string[] {
  return path.split(/[\\/]+/);
}

function isAbsolute(path: string): boolean {
  return /^[\\/]/.test(path) || /^[a-zA-Z]:/.test(path);
}

/**
 * Where a link would point once the first segment is stripped. Symlink targets are relative to
 * the link's folder; hardlink targets are archive paths, so they lose their first segment too.
 */
function linkLeavesRoot(path: string, type: string, target: string): boolean {
  if (target === '' || isAbsolute(target)) return true;
  const norm = (p: string) => segments(p).join('/');
  const entry = norm(path).split('/').slice(1).join('/');
  const resolved =
    type === 'Link'
      ? posix.normalize(norm(target).split('/').slice(1).join('/') || '.')
      : posix.normalize(posix.join(posix.dirname(entry || '.'), norm(target)));
  return resolved === '..' || resolved.startsWith('../');
}
