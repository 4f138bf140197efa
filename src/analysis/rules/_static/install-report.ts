import type { ManifestContext } from '../../types.js';
import type { LaunchedFile } from './install-plan.js';
import { classifyShell, type ShellHit, type ShellKind } from './shell.js';
import { scriptOffset } from './scripts.js';
import { preview } from './visitors.js';

/**
 * Reports shell-classifier hits of the given kinds in everything a package runs at install:
 * lifecycle commands (located in package.json) and the shell/batch/PowerShell files they run
 * (located in those files). Returns how many were reported.
 */
export function reportInstallShellHits(ctx: ManifestContext, plan: { commands: { hook: string; via: string; command: string }[]; files: LaunchedFile[] }, accept: (h: ShellHit) => boolean): number {
  let count = 0;
  const manifestText = ctx.readFile('package.json');
  for (const c of plan.commands) {
    for (const hit of classifyShell(c.command)) {
      if (!accept(hit)) continue;
      const offset = scriptOffset(manifestText, c.command);
      ctx.report({ file: 'package.json', ...(offset !== undefined ? { offset: offset + hit.index } : {}), message: `${c.via} ${hit.message}: ${preview(hit.match, 100)}`, evidence: hit.match });
      count++;
    }
  }
  for (const f of plan.files) {
    if (f.language !== 'script') continue;
    for (const hit of classifyShell(f.text)) {
      if (!accept(hit)) continue;
      ctx.report({ file: f.path, offset: hit.index, message: `${f.via} ${hit.message}: ${preview(hit.match, 100)}`, evidence: hit.match });
      count++;
    }
  }
  return count;
}

export function kinds(...list: ShellKind[]): (h: ShellHit) => boolean {
  const set = new Set(list);
  return (h) => set.has(h.kind);
}

/** Offset of a lifecycle command in package.json, for a report. */
export function commandLocation(ctx: ManifestContext, command: string): { file: string; offset?: number } {
  const offset = scriptOffset(ctx.readFile('package.json'), command);
  return offset !== undefined ? { file: 'package.json', offset } : { file: 'package.json' };
}
