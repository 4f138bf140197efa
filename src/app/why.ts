import { compareVersions, findPackages, pathsTo, type DependencyPath, type PkgNode } from '../graph/index.js';
import { inventory, type InventoryOptions, type InventoryResult, type ProjectInventory } from './inventory.js';

export interface WhyMatch {
  project: ProjectInventory;
  node: PkgNode;
  /** Shortest first. */
  paths: DependencyPath[];
  /** More paths exist than `maxPaths` allowed. */
  truncated: boolean;
}

export interface WhyOptions extends InventoryOptions {
  name: string;
  /** A version or semver range; undefined for every version. */
  range?: string;
  maxPaths?: number;
}

/** "Why is this installed?": every instance of the package in every project, with its paths. */
export async function why(opts: WhyOptions): Promise<{ inventory: InventoryResult; matches: WhyMatch[] }> {
  const result = await inventory(opts);
  const limit = opts.maxPaths ?? Infinity;
  const matches: WhyMatch[] = [];
  for (const project of result.projects) {
    if (!project.ok) continue;
    const nodes = findPackages(project.graph, opts.name, opts.range, { includeAliases: true });
    nodes.sort((a, b) => compareVersions(a.version, b.version) || (a.key < b.key ? -1 : 1));
    for (const node of nodes) {
      const paths = pathsTo(project.graph, node, limit === Infinity ? Infinity : limit + 1);
      const truncated = paths.length > limit;
      matches.push({ project, node, paths: truncated ? paths.slice(0, limit) : paths, truncated });
    }
  }
  return { inventory: result, matches };
}
