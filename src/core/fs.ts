/**
 * The read-only file system that readers see. Injected so readers stay pure and testable;
 * the Node implementation lives in app/ (the only layer that touches the real disk for them).
 */
export interface DirEntry {
  name: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
}

export interface FileStat {
  kind: DirEntry['kind'];
  size: number;
  /** Last modification, milliseconds since the epoch (caches date entries by it). */
  mtimeMs?: number;
}

export interface ReadonlyFs {
  readText(path: string): Promise<string>;
  /** Entries of a directory, unsorted. Throws ToolError(ERR_IO) when it cannot be read. */
  readdir(path: string): Promise<DirEntry[]>;
  /** lstat: does not follow a final symlink. Undefined when the path does not exist. */
  lstat(path: string): Promise<FileStat | undefined>;
  /** Fully resolved real path (follows links). Undefined when it does not exist. */
  realpath(path: string): Promise<string | undefined>;
}
