export { classifyResolved, parseNpmAlias, splitNameSpec } from './source.js';
export { LineIndex, jsonErrorPosition } from './lines.js';
export { lockfileError } from './errors.js';
