export { classifyResolved, parseNpmAlias, splitNameSpec } from './source.js';
export { LineIndex, jsonErrorPosition } from './lines.js';
export { lockfileError } from './errors.js';
export { jsYaml, parseYaml, type ParsedYaml, type YamlMap, type YamlOptions, type YamlValue } from './yaml.js';
