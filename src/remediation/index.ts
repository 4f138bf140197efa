// Remediation: from the affected packages of a graph to the edits that move them to a safe
// version, for the project's package manager. Pure: choosing a version, planning the changes,
// and writers that take a file's text and return the new text. Reading, writing, the registry
// and running the package manager are app/'s. Imports graph, advisories and core.
export type { DependencySection, DirectDeclaration, FixTarget, Hit, OverrideStyle, PlannedChange, VersionCandidate } from './types.js';
export { chooseTarget, type ChooseInput } from './choose.js';
export { affectedHits, fixHint } from './hits.js';
export { overrideStyle, planChanges, type OverrideContext } from './plan.js';
export { applyChanges, manifestOf } from './apply.js';
export { OVERRIDE_WRITERS, parseManifest, pnpmWorkspaceHasOverrides, valueAt, type Pin } from './writers/index.js';
