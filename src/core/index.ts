export type {
  Severity,
  PackageRef,
  SourceLocation,
  Diagnostic,
  PackageManager,
  EdgeType,
  PackageSource,
} from './types.js';
export { ToolError, isToolError, ErrorCodes } from './errors.js';
export type { ReadonlyFs, DirEntry, FileStat } from './fs.js';
export { TaskPool } from './task-pool.js';
export { array, describeValue, matching, object, oneOf, only, parseDataJson, strings, text, type Fail } from './data-shape.js';
export { matchesPattern } from './glob.js';
export { installPath } from './install-root.js';
