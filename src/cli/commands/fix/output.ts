import type { FixEntry, FixProject, FixResult } from '../../../app/index.js';
import type { AdvisoryDataStatus } from '../../../report/index.js';
import { plural } from '../../format.js';
import type { Style } from '../../io.js';
import { VERSION } from '../../version.js';

const FIX_SCHEMA_VERSION = 1;

/** `--format json`: the result as it is, with the diffs, under a versioned envelope. */
export function renderFixJson(result: FixResult, advisoryData: AdvisoryDataStatus): string {
  return JSON.stringify({ schemaVersion: FIX_SCHEMA_VERSION, tool: { name: 'chainwatch', version: VERSION }, advisoryData, ...result }, null, 2) + '\n';
}

export function renderFixText(result: FixResult, style: Style): string {
  const withHits = result.projects.filter((p) => p.fixes.length > 0);
  const readable = result.projects.filter((p) => !p.error).length;
  if (withHits.length === 0) return `nothing to fix: no affected version in ${plural(readable, 'project')}\n`;
  const out: string[] = [];
  for (const p of withHits) out.push(...project(p, result, style), '');
  out.push(summary(result));
  return out.join('\n') + '\n';
}

function project(p: FixProject, result: FixResult, style: Style): string[] {
  const lines = [style.bold(`${p.path === '' ? '.' : p.path}`) + style.dim(`  ${p.lockfile} (${p.manager})`)];
  for (const f of p.fixes) lines.push(`  ${fixLine(f, p, style)}`);
  const planned = p.fixes.some((f) => f.to !== null);
  if (planned && p.files.length === 0) lines.push(style.dim('  the files already say this; nothing to write'));
  if (result.dryRun) {
    for (const file of p.files) lines.push('', file.diff.trimEnd());
    return lines;
  }
  if (p.written) lines.push(`  wrote ${p.files.map((f) => f.path).join(', ')}`);
  if (p.relock) {
    lines.push(`  ran ${p.relock.command}${p.relock.exitCode === 0 ? '' : style.red(` (exit code ${p.relock.exitCode ?? 'none'})`)}`);
    if (p.relock.output) lines.push(...p.relock.output.trimEnd().split('\n').map((l) => style.dim(`    ${l}`)));
    if (p.relock.remaining.length === 0) lines.push(style.green(`  ${p.lockfile}: no affected version remains`));
    for (const r of p.relock.remaining) lines.push(style.red(`  still in ${p.lockfile}: ${r.name} ${r.versions.join(', ')} (${r.ids.join(', ')})`));
  } else if (planned) {
    lines.push(style.dim('  the lockfile still has the affected versions until your package manager runs (or use --relock)'));
  }
  return lines;
}

function fixLine(f: FixEntry, p: FixProject, style: Style): string {
  const label = f.kind === 'malicious' ? style.red('malicious') : style.yellow(f.severity);
  const what = `${style.bold(f.name)} ${f.from.join(', ')} (${label}, ${f.ids.join(', ')})`;
  if (f.to === null) return `${what}: ${style.red('no safe version found')}${f.note ? style.dim(`: ${f.note}`) : ''}`;
  const how = f.changes.map((c) => (c === 'override' ? `override in ${p.overrideFile}` : 'declared version')).join(' and ');
  const range = f.inRange ? '' : style.yellow(' (outside a dependent\'s range)');
  return `${what} -> ${style.green(f.to)}${range}: ${how || 'already in place'}${f.note ? style.dim(` (${f.note})`) : ''}`;
}

function summary(result: FixResult): string {
  const { hits, planned, unfixable, filesChanged, remaining } = result.summary;
  const parts = [`${plural(hits, 'affected package')}`, `${planned} with a fix`];
  if (unfixable) parts.push(`${unfixable} without one`);
  parts.push(result.dryRun ? `${plural(filesChanged, 'file')} would change (dry run)` : `${plural(filesChanged, 'file')} changed`);
  if (remaining !== null) parts.push(remaining === 0 ? 'none remains after relocking' : `${plural(remaining, 'package')} still affected`);
  return parts.join(', ');
}
