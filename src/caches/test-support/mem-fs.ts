import { ErrorCodes, ToolError, type DirEntry } from '../../core/index.js';
import type { ReadonlyFs } from '../../core/index.js';

export type MemNode = string | { link: string } | { unreadable: true } | { text: string; mtimeMs: number };

/**
 * A small in-memory disk for the cache readers' tests. Keys are absolute paths; folders are
 * implied. A string is a file (dated `defaultMtimeMs`), `{ link }` a symbolic link (never
 * resolved except by realpath of the whole path), `{ unreadable }` a file that fails to read.
 * `unreadableDirs` fail to list. Every readText is recorded in `reads`, so tests can assert
 * what was never opened.
 */
export function memFs(
  spec: Record<string, MemNode>,
  opts: { defaultMtimeMs?: number; unreadableDirs?: string[] } = {},
): ReadonlyFs & { reads: string[] } {
  const defaultMtimeMs = opts.defaultMtimeMs ?? Date.UTC(2025, 8, 8, 13, 16);
  const files = new Map<string, MemNode>();
  const dirs = new Map<string, Map<string, DirEntry['kind']>>();
  const addChild = (dir: string, name: string, kind: DirEntry['kind']) => {
    if (!dirs.has(dir)) dirs.set(dir, new Map());
    dirs.get(dir)!.set(name, kind);
  };
  for (const [path, node] of Object.entries(spec)) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 0; i < parts.length - 1; i++) addChild('/' + parts.slice(0, i).join('/'), parts[i]!, 'dir');
    addChild('/' + parts.slice(0, -1).join('/'), parts.at(-1)!, typeof node === 'object' && 'link' in node ? 'symlink' : 'file');
    files.set('/' + parts.join('/'), node);
  }
  const norm = (p: string) => '/' + p.split('/').filter(Boolean).join('/');
  const missing = (p: string) => new ToolError(ErrorCodes.io, `${p}: no such file or directory`);
  const reads: string[] = [];
  return {
    reads,
    async readText(path) {
      const node = files.get(norm(path));
      reads.push(norm(path));
      if (node === undefined || (typeof node === 'object' && 'link' in node)) throw missing(path);
      if (typeof node === 'object' && 'unreadable' in node) throw new ToolError(ErrorCodes.io, `${path}: permission denied`);
      return typeof node === 'string' ? node : node.text;
    },
    async readdir(path) {
      const children = dirs.get(norm(path));
      if (children === undefined) throw missing(path);
      if (opts.unreadableDirs?.includes(norm(path))) throw new ToolError(ErrorCodes.io, `${path}: permission denied`);
      return [...children].map(([name, kind]) => ({ name, kind }));
    },
    async lstat(path) {
      const p = norm(path);
      if (dirs.has(p)) return { kind: 'dir', size: 0, mtimeMs: defaultMtimeMs };
      const node = files.get(p);
      if (node === undefined) return undefined;
      if (typeof node === 'object' && 'link' in node) return { kind: 'symlink', size: 0 };
      const text = typeof node === 'string' ? node : 'text' in node ? node.text : '';
      return { kind: 'file', size: text.length, mtimeMs: typeof node === 'object' && 'mtimeMs' in node ? node.mtimeMs : defaultMtimeMs };
    },
    async realpath(path) {
      const p = norm(path);
      const node = files.get(p);
      if (typeof node === 'object' && 'link' in node) return norm(node.link);
      return dirs.has(p) || node !== undefined ? p : undefined;
    },
  };
}
