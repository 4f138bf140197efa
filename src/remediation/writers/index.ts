import type { OverrideStyle } from '../types.js';
import { writeBunOverrides, writeNpmOverrides, writePnpmPackageJsonOverrides, writeYarnResolutions, type Pin } from './overrides.js';
import { writePnpmWorkspaceOverrides } from './pnpm-workspace.js';

export { editJson, parseManifest, valueAt } from './json.js';
export { writeDeclaredVersions, type DeclaredVersion } from './declared.js';
export { writeBunOverrides, writeNpmOverrides, writePnpmPackageJsonOverrides, writeYarnResolutions, type Pin } from './overrides.js';
export { pnpmWorkspaceHasOverrides, writePnpmWorkspaceOverrides } from './pnpm-workspace.js';

/** The file each override style lives in (relative to the project root) and its writer; sorted by style. */
export const OVERRIDE_WRITERS: Readonly<Record<OverrideStyle, { file: 'package.json' | 'pnpm-workspace.yaml'; write(text: string | null, pins: readonly Pin[]): string }>> = {
  'bun-overrides': { file: 'package.json', write: (t, p) => writeBunOverrides(t ?? '{}\n', p) },
  'npm-overrides': { file: 'package.json', write: (t, p) => writeNpmOverrides(t ?? '{}\n', p) },
  'pnpm-package-json': { file: 'package.json', write: (t, p) => writePnpmPackageJsonOverrides(t ?? '{}\n', p) },
  'pnpm-workspace-yaml': { file: 'pnpm-workspace.yaml', write: (t, p) => writePnpmWorkspaceOverrides(t, p) },
  'yarn-resolutions': { file: 'package.json', write: (t, p) => writeYarnResolutions(t ?? '{}\n', p) },
};
