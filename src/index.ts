/**
 * chainwatch's library API. The CLI is a thin layer over the same functions; everything here
 * takes explicit options and never reads config files or touches the process.
 */
export {
  inventory,
  why,
  scan,
  failsThreshold,
  openAdvisorySources,
  updateAdvisoryDb,
  advisoryDbStatus,
  defaultAdvisoryDbPath,
  type ScanOptions,
  type AdvisorySources,
  type CacheEnvironment,
  type UpdateAdvisoryDbOptions,
  type UpdateAdvisoryDbResult,
  type AdvisoryDbStatus,
  discoverTargets,
  summarizePackages,
  isDirect,
  nodeFs,
  type InventoryOptions,
  type InventoryResult,
  type ProjectInventory,
  type ProjectFailure,
  type ProjectResult,
  type WhyMatch,
  type WhyOptions,
  type Target,
  type PackageSummary,
  type PackageGraph,
  type PkgNode,
  type Importer,
  type Vertex,
  type Edge,
  type DependencyPath,
  type ReaderId,
} from './app/index.js';
export { parseConfigFile, CONFIG_FILE_NAME, type Config } from './config/index.js';
export { reporters, type ReporterId, type Reporter, type ScanReport, type ProjectScan, type ScanFinding, type CacheFinding } from './report/index.js';
export { ToolError, isToolError, ErrorCodes } from './core/index.js';
export type { PackageRef, Severity, SourceLocation, Diagnostic, PackageManager, EdgeType, PackageSource, ReadonlyFs } from './core/index.js';
