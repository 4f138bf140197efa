import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ErrorCodes, ToolError, type ReadonlyFs } from '../core/index.js';
import { isLockfile } from '../readers/index.js';

/** One thing to inventory: a lockfile, or an installed node_modules tree. */
export interface Target {
  kind: 'lockfile' | 'installed';
  /** Absolute path of the lockfile or node_modules directory. */
  path: string;
  /** Absolute path of the project directory that holds it. */
  root: string;
}

export interface DiscoverOptions {
  fs: ReadonlyFs;
  /** Relative paths are resolved against it. */
  cwd: string;
  /** Read node_modules trees instead of lockfiles. */
  installed?: boolean;
  /** Directory names (no '/') or absolute directory paths to skip. */
  ignore?: readonly string[];
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/**
 * Finds every project under the given paths. Symbolic links are never followed: a link out of
 * the tree must not be read, and a link inside it points at something the walk reaches anyway.
 * Results are sorted by path so output is stable.
 */
export async function discoverTargets(paths: readonly string[], opts: DiscoverOptions): Promise<Target[]> {
  const found = new Map<string, Target>();
  const ignoredNames = new Set((opts.ignore ?? []).filter((i) => !isAbsolute(i)));
  const ignoredPaths = new Set((opts.ignore ?? []).filter((i) => isAbsolute(i)));

  const add = (t: Target) => found.set(t.path, t);

  /**
   * With --installed, a node_modules belongs to the project beside it. Workspace packages keep
   * node_modules of their own (pnpm links their dependencies there) that are part of the root's
   * tree, so below an installed project only a directory with its own lockfile starts another.
   */
  async function walk(dir: string, insideInstalled: boolean): Promise<void> {
    const entries = await opts.fs.readdir(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const lockfiles = entries.filter((e) => e.kind === 'file' && isLockfile(join(dir, e.name)));
    let installedHere = false;
    if (!opts.installed) {
      for (const e of lockfiles) add({ kind: 'lockfile', path: join(dir, e.name), root: dir });
    } else if (entries.some((e) => e.kind === 'dir' && e.name === 'node_modules') && (lockfiles.length > 0 || !insideInstalled)) {
      add({ kind: 'installed', path: join(dir, 'node_modules'), root: dir });
      installedHere = true;
    }
    for (const e of entries) {
      if (e.kind !== 'dir' || ALWAYS_SKIPPED.has(e.name) || ignoredNames.has(e.name)) continue;
      const path = join(dir, e.name);
      if (!ignoredPaths.has(path)) await walk(path, insideInstalled || installedHere);
    }
  }

  for (const given of paths) {
    const path = resolve(opts.cwd, given);
    const stat = await opts.fs.lstat(path);
    if (!stat) throw new ToolError(ErrorCodes.io, `${given}: no such file or directory`);
    const real = stat.kind === 'symlink' ? await opts.fs.realpath(path) : path;
    const realStat = real && real !== path ? await opts.fs.lstat(real) : stat;
    if (!real || !realStat) throw new ToolError(ErrorCodes.io, `${given}: a link to nothing`);
    if (realStat.kind === 'dir' && basename(real) === 'node_modules' && opts.installed) {
      add({ kind: 'installed', path: real, root: resolve(real, '..') });
    } else if (realStat.kind === 'dir') {
      await walk(real, false);
    } else if (isLockfile(real)) {
      add({ kind: 'lockfile', path: real, root: resolve(real, '..') });
    } else {
      throw new ToolError(ErrorCodes.usage, `${given}: not a lockfile or a directory`, {
        hint: 'pass a project directory, or one of package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock',
      });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** How a path is shown to people and in JSON: relative to cwd when inside it, '/'-separated. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  if (rel.startsWith('..') || resolve(cwd, rel) !== path) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}
