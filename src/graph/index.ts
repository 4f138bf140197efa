export type { Importer, PkgNode, Vertex, Edge, DependencyPath, PackageGraph } from './types.js';
export { buildGraph, type GraphInput } from './builder.js';
export { findPackages, isDirect, importersOf, pathsTo } from './queries.js';
export { printGraph } from './print.js';
export { summarizePackages, compareVersions, type PackageSummary } from './summary.js';
