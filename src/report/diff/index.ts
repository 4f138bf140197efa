export type { DiffReport, VerifyLockfileReport, VerifyReport, VerifyResult, VerifySkip } from './types.js';
export { DIFF_SCHEMA_VERSION, renderDiffJson, renderVerifyJson, verifyStatus, type VerifyStatus } from './json.js';
export { renderDiffText, renderVerifyText } from './text.js';
export { renderDiffSarif, renderVerifySarif } from './sarif.js';
