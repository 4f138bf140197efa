/** Shared vocabulary of every layer. Plain data only: no I/O, no classes but ToolError. */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface PackageRef {
  name: string;
  version: string;
}

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** A data problem that did not stop the work (a skipped entry, an unknown version, ...). */
export interface Diagnostic {
  code: string;
  message: string;
  severity: 'error' | 'warning';
  location?: SourceLocation;
}

export type PackageManager = 'npm' | 'yarn-classic' | 'yarn-berry' | 'pnpm' | 'bun';

export type EdgeType = 'prod' | 'dev' | 'optional' | 'peer' | 'peerOptional' | 'workspace';

/** Where a package's bits come from. Importers (root and workspaces) are not packages. */
export type PackageSource = 'registry' | 'git' | 'tarball' | 'file' | 'link';
