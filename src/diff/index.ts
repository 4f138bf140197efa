// Release diff: two versions of a package -> file, code and metadata deltas, the engine's new
// findings, readable patches, and a verdict with a score. Pure: sides come in with readers;
// imports only analysis/ and core/.
export type {
  Cadence,
  CodeDelta,
  DependencyDelta,
  DependencyFacts,
  DependencyFlag,
  DependencyKind,
  DiffOptions,
  DiffVerdict,
  DistTagDelta,
  FieldChange,
  FileDelta,
  FilePatch,
  InstallHook,
  ManifestField,
  MetadataDelta,
  NewDependency,
  PatchSummary,
  Person,
  ProvenanceDelta,
  PublisherDelta,
  RegistryVersionInfo,
  ReleaseDiff,
  ReleaseSide,
  ScriptChange,
  Signal,
  SignalId,
  SizeChange,
} from './types.js';
export { diffRelease } from './diff-release.js';
export { isTypoOf, popularIndex, type PopularIndex } from './typo.js';
export { WEIGHTS as signalWeights } from './score.js';
