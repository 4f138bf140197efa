import type { FileDelta, ReleaseSide } from './types.js';

/** A file is binary when a NUL appears in its first 8 KiB (git's rule, and the app's `readText`). */
const BINARY_PROBE = 8192;

/**
 * One side's files, each read at most once: the delta compares bytes, the engine and the patches
 * read text. Decoded text is kept (a package is read whole anyway) so the three share one decode.
 */
export class SideFiles {
  private readonly bytes = new Map<string, Buffer | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  readonly has: ReadonlySet<string>;

  constructor(readonly side: ReleaseSide) {
    this.has = new Set(side.files);
  }

  read(path: string): Buffer | undefined {
    if (this.bytes.has(path)) return this.bytes.get(path);
    const buf = this.has.has(path) ? this.side.readFile(path) : undefined;
    this.bytes.set(path, buf);
    return buf;
  }

  size(path: string): number | null {
    return this.read(path)?.length ?? null;
  }

  isBinary(path: string): boolean {
    const buf = this.read(path);
    return buf !== undefined && buf.subarray(0, BINARY_PROBE).includes(0);
  }

  /** The file as UTF-8 text; undefined when absent, unreadable or binary. */
  text(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const buf = this.read(path);
    const text = buf === undefined || this.isBinary(path) ? undefined : buf.toString('utf8');
    this.texts.set(path, text);
    return text;
  }
}

/**
 * Added, removed and changed files by path and bytes. A file unreadable on one side counts as
 * changed (nothing shows it is the same); unreadable on both, as unchanged. An added file with the
 * same bytes as a removed one is also listed as a rename, so its findings are not "new".
 */
export function fileDelta(from: SideFiles, to: SideFiles): FileDelta {
  const added = [...to.has].filter((p) => !from.has.has(p)).sort();
  const removed = [...from.has].filter((p) => !to.has.has(p)).sort();
  const changed = [...to.has]
    .filter((p) => from.has.has(p))
    .filter((p) => {
      const a = from.read(p);
      const b = to.read(p);
      if (a === undefined || b === undefined) return a !== b;
      return !a.equals(b);
    })
    .sort();
  return { added, removed, changed, renamed: renames(from, to, added, removed) };
}

function renames(from: SideFiles, to: SideFiles, added: string[], removed: string[]): FileDelta['renamed'] {
  if (added.length === 0 || removed.length === 0) return [];
  // Group the removed files by size: only equal sizes need a byte comparison.
  const bySize = new Map<number, string[]>();
  for (const p of removed) {
    const size = from.size(p);
    if (size === null || size === 0) continue;
    const list = bySize.get(size);
    if (list) list.push(p);
    else bySize.set(size, [p]);
  }
  const used = new Set<string>();
  const out: FileDelta['renamed'] = [];
  for (const p of added) {
    const buf = to.read(p);
    if (!buf?.length) continue;
    const source = bySize.get(buf.length)?.find((r) => !used.has(r) && from.read(r)!.equals(buf));
    if (source === undefined) continue;
    used.add(source);
    out.push({ from: source, to: p });
  }
  return out;
}
