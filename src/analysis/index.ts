// The detection engine: rules over a package's files and manifest, a verdict per package.
// Pure: files come in through a reader the caller passes; imports only core/.
export type {
  AstNode,
  AstProgram,
  Finding,
  FileContext,
  Manifest,
  ManifestContext,
  PackageAnalysis,
  PackageInfo,
  Report,
  Rule,
  RuleCategory,
  RuleMeta,
  SourceFile,
  Verdict,
  Visitor,
} from './types.js';
export { analyzePackage, isSourceFile, isTypeScriptSource, mergeAnalyses, type AnalyzeOptions } from './engine.js';
export { decideVerdict } from './verdict.js';
export { isExecutable } from './executables.js';
export { rules, allRules } from './rules/index.js';
