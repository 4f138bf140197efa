export { classifyResolved, parseNpmAlias, splitNameSpec } from './source.js';
export { LineIndex, forEachLine, jsonErrorPosition } from './lines.js';
export { lockfileError } from './errors.js';
export { jsYaml, parseYaml, type ParsedYaml, type YamlMap, type YamlOptions, type YamlValue } from './yaml.js';
export { sniffYarnLockfile, type YarnFlavor } from './yarn-sniff.js';
export {
  compileWorkspaceGlobs,
  expandWorkspaces,
  importerFor,
  isRecord,
  loadManifest,
  MAX_GLOB_DEPTH,
  readManifest,
  workspaceMatcher,
  workspacePatterns,
  type Manifest,
  type ManifestLoad,
  type WorkspaceGlobs,
} from './workspaces.js';
