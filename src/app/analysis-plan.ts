import { isSourceFile, isTypeScriptSource } from '../analysis/index.js';

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
  /** Whether some of its files are TypeScript (the scheduler sends those parts to one worker). */
  typescript: boolean;
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
  return parts.filter((p) => p.files.length > 0).map((p, i) => ({ ...p, manifest: i === 0, typescript: p.files.some(isTypeScriptSource) }));
}

/**
 * The parts of one package (its files and their sizes in bytes, as listed on disk): the whole
 * package when its source is at most PART_BYTES, else source-only parts of about that size.
 */
export function partsOf(files: readonly string[], sizes: ReadonlyMap<string, number>): Part[] {
  const source = files.filter(isSourceFile).map((file) => ({ file, bytes: sizes.get(file) ?? 0 }));
  const bytes = source.reduce((sum, f) => sum + f.bytes, 0);
  if (bytes <= PART_BYTES) return [{ bytes, typescript: source.some((f) => isTypeScriptSource(f.file)) }];
  return splitFiles(source, Math.ceil(bytes / PART_BYTES));
}

/**
 * The jobs waiting for a worker, by size: {@link take} hands out the largest first. Jobs holding
 * TypeScript are one kind, the rest another: TypeScript is parsed by Babel, whose first files in a
 * thread cost seconds of compiling (on the bench tree about 8 % of a worker's time, for 2.7 MB of
 * TypeScript against 100 MB of JavaScript), so one worker asks for that kind and the others for
 * the rest; a worker whose kind has run out takes the largest of the other, so none waits.
 */
export class JobQueue {
  /** Job ids, smallest first (equal sizes in the order added): the next to take is the last. */
  private readonly ids: number[] = [];
  private readonly sizes = new Map<number, number>();
  private readonly typescript = new Set<number>();

  get length(): number {
    return this.ids.length;
  }

  add(id: number, bytes: number, typescript: boolean): void {
    this.sizes.set(id, bytes);
    if (typescript) this.typescript.add(id);
    // Below the jobs of equal size, so those go out in the order added.
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sizes.get(this.ids[mid]!)! < bytes) lo = mid + 1;
      else hi = mid;
    }
    this.ids.splice(lo, 0, id);
  }

  /**
   * The largest job of the kind asked for (TypeScript or not), else the largest of the other;
   * undefined when none is left, or when that job is larger than `room` (a batch being filled).
   */
  take(typescript: boolean, room = Infinity): number | undefined {
    const at = this.find(typescript, this.ids.length - 1, -1);
    const id = this.ids[at];
    if (id === undefined || this.sizes.get(id)! > room) return undefined;
    return this.remove(at);
  }

  /**
   * The smallest job that holds no TypeScript, else the smallest: the share of a thread that
   * analyzes between its other work (short turns), leaving TypeScript to the first worker.
   */
  takeSmallest(): number | undefined {
    return this.ids.length === 0 ? undefined : this.remove(this.find(false, 0, 1));
  }

  /** From `at` in steps of `step`, the first job of the kind asked for, if there is one of each kind. */
  private find(typescript: boolean, at: number, step: 1 | -1): number {
    const { ids } = this;
    const ofKind = typescript ? this.typescript.size : ids.length - this.typescript.size;
    if (ofKind > 0 && ofKind < ids.length) while (this.typescript.has(ids[at]!) !== typescript) at += step;
    return at;
  }

  private remove(at: number): number {
    const [id] = this.ids.splice(at, 1) as [number];
    this.sizes.delete(id);
    this.typescript.delete(id);
    return id;
  }
}
