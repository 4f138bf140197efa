import { isSourceFile } from '../analysis/index.js';

/**
 * How analysis work is cut for the worker threads. A package's cost is about the size of its
 * source files (parsing and walking them), and a few packages hold most of it: in a real
 * node_modules of 1,300 packages, `@storybook/core` and `typescript` alone take 9 s of one core.
 * Handed out in tree order, such a package arrives last and one core finishes it while the other
 * waits. So big packages are split into parts by file, and the parts go out largest first
 * (longest-processing-time-first scheduling).
 */

/** A package with more source than this is analyzed in parts of about this size. */
export const PART_BYTES = 2 * 2 ** 20;

export interface SizedFile {
  file: string;
  bytes: number;
}

export interface Part {
  /** Only these files; undefined: the whole package. */
  files?: string[];
  /** Whether this part runs the manifest hooks (exactly one part of a package does). */
  manifest?: boolean;
  bytes: number;
}

/**
 * Splits files into at most `count` parts of similar size: biggest file first, each into the
 * lightest part (a file is never split). Empty parts are dropped; the first part runs the manifest
 * hooks.
 */
export function splitFiles(files: readonly SizedFile[], count: number): Required<Part>[] {
  const parts = Array.from({ length: Math.max(1, count) }, () => ({ files: [] as string[], bytes: 0 }));
  for (const f of [...files].sort((a, b) => b.bytes - a.bytes || (a.file < b.file ? -1 : 1))) {
    const lightest = parts.reduce((min, p) => (p.bytes < min.bytes ? p : min));
    lightest.files.push(f.file);
    lightest.bytes += f.bytes;
  }
  return parts.filter((p) => p.files.length > 0).map((p, i) => ({ ...p, manifest: i === 0 }));
}

/**
 * The parts of one package (its files and their sizes in bytes, as listed on disk): the whole
 * package when its source is at most PART_BYTES, else source-only parts of about that size.
 */
export function partsOf(files: readonly string[], sizes: ReadonlyMap<string, number>): Part[] {
  const source = files.filter(isSourceFile).map((file) => ({ file, bytes: sizes.get(file) ?? 0 }));
  const bytes = source.reduce((sum, f) => sum + f.bytes, 0);
  if (bytes <= PART_BYTES) return [{ bytes }];
  return splitFiles(source, Math.ceil(bytes / PART_BYTES));
}
