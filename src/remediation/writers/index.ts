import type { OverrideStyle } from '../types.js';
import { writeBunOverrides, writeNpmOverrides, writePnpmPackageJsonOverrides, writeYarnResolutions, type Pin } from './overrides.js';
import { writePnpmWorkspaceOverrides } from './pnpm-workspace.js';

export { editJson, parseManifest, valueAt } from './json.js';
export { writeDeclaredVersions, type DeclaredVersion } from './declared.js';
export { writeBunOverrides, writeNpmOverrides, writePnpmPackageJsonOverrides, writeYarnResolutions, type Pin } from './overrides.js';
export { pnpmWorkspaceHasOverrides, writePnpmWorkspaceOverrides } from './pnpm-workspace.js';

/**
 * The file each override style lives in (relative to the project root), its writer, and whether
 * the package manager takes `name@range` keys (npm and pnpm do; yarn's resolutions and bun's
 * overrides match by name); sorted by style.
 */
export const OVERRIDE_WRITERS: Readonly<Record<OverrideStyle, { file: 'package.json' | 'pnpm-workspace.yaml'; selectors: boolean; write(text: string | null, pins: readonly Pin[]): string }>> = {
  'bun-overrides': { file: 'package.json', selectors: false, write: (t, p) => writeBunOverrides(t ?? '{}\n', p) },
  'npm-overrides': { file: 'package.json', selectors: true, write: (t, p) => writeNpmOverrides(t ?? '{}\n', p) },
  'pnpm-package-json': { file: 'package.json', selectors: true, write: (t, p) => writePnpmPackageJsonOverrides(t ?? '{}\n', p) },
  'pnpm-workspace-yaml': { file: 'pnpm-workspace.yaml', selectors: true, write: (t, p) => writePnpmWorkspaceOverrides(t, p) },
  'yarn-resolutions': { file: 'package.json', selectors: false, write: (t, p) => writeYarnResolutions(t ?? '{}\n', p) },
};
