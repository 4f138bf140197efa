import { join } from 'node:path';
import { isToolError, type DirEntry, type Diagnostic, type FileStat, type ReadonlyFs, type TaskPool } from '../core/index.js';
import type { CacheEntry, CacheLocation } from './types.js';

/**
 * What a cache reader gets: the disk, the location, a task pool to spread file reads over, and
 * sinks for what it finds. Every disk access goes through here, so an unreadable file or folder
 * becomes a diagnostic, and symbolic links are never followed (a cache is plain files; a link
 * could lead anywhere on the machine).
 */
export class ScanContext {
  readonly diagnostics: Diagnostic[] = [];
  entries = 0;
  private symlinks = 0;
  private firstSymlink = '';

  constructor(
    readonly fs: ReadonlyFs,
    readonly location: CacheLocation,
    readonly pool: TaskPool,
    private readonly sink: (entry: CacheEntry) => void,
  ) {}

  found(entry: CacheEntry): void {
    this.entries++;
    this.sink(entry);
  }

  problem(code: string, message: string, file?: string, line?: number): void {
    this.diagnostics.push({
      code: `caches/${code}`,
      message,
      severity: 'warning',
      ...(file === undefined ? {} : { location: line === undefined ? { file } : { file, line } }),
    });
  }

  /** Folder entries, symlinks left out (and counted); undefined when the folder cannot be read. */
  async list(dir: string): Promise<DirEntry[] | undefined> {
    let entries: DirEntry[];
    try {
      entries = await this.fs.readdir(dir);
    } catch (e) {
      this.ioProblem(dir, e);
      return undefined;
    }
    const kept: DirEntry[] = [];
    for (const d of entries) {
      if (d.kind !== 'symlink') kept.push(d);
      else if (this.symlinks++ === 0) this.firstSymlink = join(dir, d.name);
    }
    return kept;
  }

  /**
   * `base/names...` when every part below `base` is a real folder (not a link); undefined when
   * any part is missing, a file or a link: cache layouts have no links, and none is followed.
   */
  async dirAt(base: string, ...names: string[]): Promise<string | undefined> {
    let dir = base;
    for (const name of names) {
      dir = join(dir, name);
      const stat = await this.stat(dir);
      if (stat?.kind === 'symlink' && this.symlinks++ === 0) this.firstSymlink = dir;
      if (stat?.kind !== 'dir') return undefined;
    }
    return dir;
  }

  /** lstat that reports failures; undefined when missing or unreadable. */
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      return await this.fs.lstat(path);
    } catch (e) {
      this.ioProblem(path, e);
      return undefined;
    }
  }

  /** A small file's text; undefined (with a diagnostic) when it is unreadable or larger than `maxBytes`. */
  async readSmall(path: string, maxBytes: number, known?: FileStat): Promise<string | undefined> {
    const stat = known ?? (await this.stat(path));
    if (stat === undefined) return undefined;
    if (stat.kind !== 'file') {
      this.problem('unreadable', `${path}: not a regular file (${stat.kind}), skipped`, path);
      return undefined;
    }
    if (stat.size > maxBytes) {
      this.problem('too-large', `${path}: ${stat.size} bytes, more than the ${maxBytes} an index file of this kind may have; skipped`, path);
      return undefined;
    }
    try {
      return await this.fs.readText(path);
    } catch (e) {
      this.ioProblem(path, e);
      return undefined;
    }
  }

  ioProblem(path: string, e: unknown): void {
    if (!isToolError(e)) throw e;
    this.problem('unreadable', `${e.message}; skipped`, path);
  }

  /** Diagnostics plus one summary line for the links that were not followed. */
  finish(): Diagnostic[] {
    if (this.symlinks > 0) {
      const more = this.symlinks > 1 ? ` and ${this.symlinks - 1} more` : '';
      this.problem('symlink', `${this.firstSymlink}${more}: symbolic link inside a cache, not followed`, this.location.path);
    }
    return this.diagnostics;
  }
}

/** An epoch-milliseconds value as ISO 8601, or null when it is not a plausible time. */
export function isoTime(ms: unknown): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 253402300799999) return null;
  return new Date(ms).toISOString();
}
