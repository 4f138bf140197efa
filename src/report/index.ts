import { json } from './reporters/json.js';
import { markdown } from './reporters/markdown.js';
import { sarif } from './reporters/sarif.js';
import { text } from './reporters/text.js';
import type { Reporter } from './reporter.js';

/** Every output format of `chainwatch scan`, by `--format` id. Sorted; index.test.ts checks it. */
export const reporters = { json, markdown, sarif, text } as const satisfies Record<string, Reporter>;

export type ReporterId = keyof typeof reporters;

export const reporterIds = Object.keys(reporters) as ReporterId[];

export type { Reporter, RenderOptions } from './reporter.js';
export { plainStyle, type Style } from './style.js';
export { formatName, plural } from './common.js';
export { SCAN_SCHEMA_VERSION } from './reporters/json.js';
export type {
  ScanReport,
  AdvisoryDataStatus,
  ProjectScan,
  ScanFinding,
  AdvisorySummary,
  FixHint,
  CacheFinding,
  ScanSummary,
  CodeScan,
  CodePackage,
} from './types.js';
export { INSPECT_SCHEMA_VERSION, renderInspectJson, renderInspectSarif, renderInspectText, type InspectReport } from './inspect/index.js';
export {
  DIFF_SCHEMA_VERSION,
  renderDiffJson,
  renderDiffSarif,
  renderDiffText,
  renderVerifyJson,
  renderVerifySarif,
  renderVerifyText,
  verifyStatus,
  type DiffReport,
  type VerifyLockfileReport,
  type VerifyReport,
  type VerifyResult,
  type VerifySkip,
  type VerifyStatus,
} from './diff/index.js';
