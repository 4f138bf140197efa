import { ErrorCodes, ToolError, isToolError, type Diagnostic, type ReadonlyFs } from '../core/index.js';
import { buildGraph, type PackageGraph } from '../graph/index.js';
import { readInstalledTree, readLockfile, type ReaderId } from '../readers/index.js';
import { discoverTargets, type Target } from './discover.js';
import { nodeFs } from './node-fs.js';

export interface ProjectInventory {
  ok: true;
  target: Target;
  readerId: ReaderId;
  graph: PackageGraph;
  diagnostics: Diagnostic[];
}

/** A project whose lockfile could not be used at all: the others are still reported. */
export interface ProjectFailure {
  ok: false;
  target: Target;
  error: ToolError;
}

export type ProjectResult = ProjectInventory | ProjectFailure;

export interface InventoryOptions {
  paths: readonly string[];
  cwd: string;
  installed?: boolean;
  ignore?: readonly string[];
  fs?: ReadonlyFs;
  onProgress?: (done: number, total: number, target: Target) => void;
}

export interface InventoryResult {
  projects: ProjectResult[];
  elapsedMs: number;
}

/** Discovers every project under the paths and reads each into a dependency graph. */
export async function inventory(opts: InventoryOptions): Promise<InventoryResult> {
  const started = performance.now();
  const fs = opts.fs ?? nodeFs;
  const targets = await discoverTargets(opts.paths, { fs, cwd: opts.cwd, installed: opts.installed ?? false, ignore: opts.ignore ?? [] });
  const projects: ProjectResult[] = [];
  for (const target of targets) {
    opts.onProgress?.(projects.length, targets.length, target);
    projects.push(await readProject(target, fs));
  }
  return { projects, elapsedMs: performance.now() - started };
}

/**
 * The longest string V8 can hold (about 512 MiB): a larger lockfile cannot be read as text at all,
 * so it is refused up front with a clear error instead of failing deep inside Node.
 */
const MAX_LOCKFILE_BYTES = 0x1fffffe8;

/** Reads one discovered project into its graph; an unusable lockfile is a ProjectFailure, not a throw. */
export async function readProject(target: Target, fs: ReadonlyFs): Promise<ProjectResult> {
  try {
    if (target.kind === 'lockfile') {
      const size = (await fs.lstat(target.path))?.size ?? 0;
      if (size > MAX_LOCKFILE_BYTES) {
        throw new ToolError(ErrorCodes.limit, `${target.path}: ${Math.round(size / 2 ** 20)} MiB is larger than the 512 MiB a lockfile can be`, {
          hint: 'this is not a lockfile a package manager wrote; check the file',
        });
      }
    }
    const read = target.kind === 'installed' ? readInstalledTree : readLockfile;
    const { readerId, raw, diagnostics } = await read(target.path, target.root, fs);
    const built = buildGraph(raw);
    return { ok: true, target, readerId, graph: built.graph, diagnostics: [...diagnostics, ...built.diagnostics] };
  } catch (e) {
    if (isToolError(e)) return { ok: false, target, error: e };
    throw e;
  }
}
