export { inventory, type InventoryOptions, type InventoryResult, type ProjectInventory, type ProjectFailure, type ProjectResult } from './inventory.js';
export { why, type WhyMatch, type WhyOptions } from './why.js';
export { scan, failsThreshold, type ScanOptions } from './scan.js';
export type { CacheEnvironment } from './scan-caches.js';
export { openAdvisorySources, type AdvisorySources } from './advisory-sources.js';
export { inspect, type InspectOptions, type InspectResult } from './inspect.js';
export { diffReleases, verifyRelease, type DiffReleasesOptions, type DiffReleasesResult, type VerifyReleaseOptions, type VerifyReleaseResult } from './diff.js';
export { verifyLockfile, type VerifyLockfileOptions, type VerifyLockfileResult, type VerifiedPackage } from './verify-lockfile.js';
export type { ReleaseDiff } from '../diff/index.js';
export type { PackageAnalysis, Finding as AnalysisFinding, Verdict } from '../analysis/index.js';
export { discoverTargets, displayPath, type Target } from './discover.js';
export { nodeFs } from './node-fs.js';
// What the CLI and library users need of the lower layers, so they depend on app/ alone.
export { summarizePackages, isDirect, type PackageSummary, type PackageGraph, type PkgNode, type Importer, type Vertex, type Edge, type DependencyPath } from '../graph/index.js';
export type { ReaderId } from '../readers/index.js';
export {
  updateAdvisoryDb,
  advisoryDbStatus,
  openAdvisoryDb,
  OSV_SOURCE_ID,
  type UpdateAdvisoryDbOptions,
  type UpdateAdvisoryDbResult,
  type UpdateProgress,
  type AdvisoryDbStatus,
} from './advisory-db.js';
export { defaultAdvisoryDbPath, defaultResultCachePath, type AdvisoryDbReader, type AdvisorySourceInfo } from '../infra/index.js';
export { OSV_NPM_EXPORT_URL } from '../advisories/index.js';
export { openGate, runGuarded, clientEnvironment, type OpenGateOptions, type OpenedGate, type GuardOptions, type GuardResult, type PinnedMalware } from './guard.js';
export { DEFAULT_POLICY, type GateSummary, type GatePolicy, type GateEvent } from '../gate/index.js';
export { checkPolicy, type PolicyCheckOptions, type PolicyCheckResult, type PolicyCheckEntry } from './policy-check.js';
export { fix, type FixOptions, type FixResult, type FixProject, type FixEntry, type FixSummary, type RelockResult } from './fix.js';
