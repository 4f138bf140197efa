// The install gate: a registry proxy on 127.0.0.1 that applies chainwatch's policy (release-age
// cooldown, known-bad versions, unapproved install scripts, lost provenance, engine verdicts) to
// what package managers can resolve and download. Imports advisories, registry and core.
export { DEFAULT_POLICY, DEFAULT_RELEASE_AGE_MS, type GateAction, type GatePolicy, type PackagePolicy } from './policy.js';
export { advisoryReasonsByVersion, age, allowsScripts, decideVersions, decisionOf, installScripts, releaseAgeFor, type Decision, type EngineVerdict, type GateRule, type PackumentDecisions, type Reason } from './decide.js';
export { rewritePackument } from './rewrite.js';
export { blockedMessage, startGate, type BlockedVersion, type Gate, type GateEvent, type GateOptions } from './server.js';
export { GateSummaryBuilder, type GateSummary } from './summary.js';
