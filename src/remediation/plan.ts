import type { PackageManager } from '../core/index.js';
import type { FixTarget, Hit, OverrideStyle, PlannedChange } from './types.js';

/**
 * The edits that move one hit to its target. A package an importer declares itself gets its
 * declared version changed there (an override of a direct dependency is what npm refuses, and
 * hides the real requirement); one that other packages depend on gets an override in the root.
 * Both, when it is both. Versions are pinned exactly: a range would let the next resolution
 * float to whatever is newest, which is how the incident got in.
 */
export function planChanges(hit: Hit, target: FixTarget): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const d of hit.direct) {
    // An `npm:` alias stays one; yarn berry's lockfile spells plain ranges `npm:^1.0.0` too, hence the key check.
    const toSpec = d.key !== hit.name ? `npm:${hit.name}@${target.version}` : target.version;
    if (toSpec === d.spec) continue;
    changes.push({ kind: 'declared', importer: d.importer, section: d.section, key: d.key, name: hit.name, fromSpec: d.spec, toSpec, from: hit.versions, inRange: target.inRange });
  }
  if (hit.transitive) changes.push({ kind: 'override', name: hit.name, from: hit.versions, to: target.version, inRange: target.inRange, others: hit.otherVersions.length > 0 });
  return changes;
}

/** What the project has that tells where its package manager reads overrides. */
export interface OverrideContext {
  manager: PackageManager;
  /** The root package.json, parsed. */
  manifest: Readonly<Record<string, unknown>>;
  /** The root pnpm-workspace.yaml has an `overrides` key. */
  workspaceYamlHasOverrides: boolean;
}

/**
 * npm `overrides`, yarn (both) `resolutions`, bun `overrides`; pnpm: `overrides` in
 * pnpm-workspace.yaml from pnpm 10 on, `pnpm.overrides` in package.json before. Which pnpm a
 * project uses is read from where it already keeps overrides, then from its `packageManager`
 * field; a project that says neither gets the pnpm 10 place.
 */
export function overrideStyle(ctx: OverrideContext): OverrideStyle {
  switch (ctx.manager) {
    case 'npm':
      return 'npm-overrides';
    case 'yarn-classic':
    case 'yarn-berry':
      return 'yarn-resolutions';
    case 'bun':
      return 'bun-overrides';
    case 'pnpm': {
      if (ctx.workspaceYamlHasOverrides) return 'pnpm-workspace-yaml';
      const pnpm = ctx.manifest['pnpm'];
      if (typeof pnpm === 'object' && pnpm !== null && 'overrides' in pnpm) return 'pnpm-package-json';
      const pm = ctx.manifest['packageManager'];
      const major = typeof pm === 'string' ? /^pnpm@(\d+)\./.exec(pm)?.[1] : undefined;
      return major !== undefined && Number(major) < 10 ? 'pnpm-package-json' : 'pnpm-workspace-yaml';
    }
  }
}
