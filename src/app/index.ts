export { inventory, type InventoryOptions, type InventoryResult, type ProjectInventory, type ProjectFailure, type ProjectResult } from './inventory.js';
export { why, type WhyMatch, type WhyOptions } from './why.js';
export { discoverTargets, displayPath, type Target } from './discover.js';
export { nodeFs } from './node-fs.js';
// What the CLI and library users need of the lower layers, so they depend on app/ alone.
export { summarizePackages, isDirect, type PackageSummary, type PackageGraph, type PkgNode, type Importer, type Vertex, type Edge, type DependencyPath } from '../graph/index.js';
export type { ReaderId } from '../readers/index.js';
