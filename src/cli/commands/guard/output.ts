import type { GateSummary } from '../../../app/index.js';
import type { Style } from '../../io.js';

type Reason = GateSummary['refused'][number]['reasons'][number];

/** The summary `guard` and `proxy` print when they stop: what was hidden, refused and warned about. */
export function renderGateSummaryText(summary: GateSummary, style: Style, who: string): string {
  const lines: string[] = [];
  const hiddenVersions = summary.hidden.reduce((n, h) => n + h.blocked.length, 0);
  const head = `${who}: ${summary.packages} package${summary.packages === 1 ? '' : 's'} looked up`;
  if (hiddenVersions === 0 && summary.refused.length === 0 && summary.warned.length === 0 && summary.upstreamErrors.length === 0) {
    return `${head}, nothing blocked\n`;
  }
  lines.push(`${head}; ${hiddenVersions} version${hiddenVersions === 1 ? '' : 's'} of ${summary.hidden.length} package${summary.hidden.length === 1 ? '' : 's'} hidden, ${summary.refused.length} download${summary.refused.length === 1 ? '' : 's'} refused`);
  for (const r of summary.refused) lines.push(`  ${style.red('refused')} ${style.bold(`${r.name}@${r.version}`)}: ${reasonText(r.reasons)}`);
  for (const h of summary.hidden) {
    const versions = h.blocked.length === h.versions ? 'every version' : listVersions(h.blocked.map((b) => b.version));
    lines.push(`  ${style.yellow('hidden')} ${style.bold(h.name)} ${versions}: ${reasonText(h.blocked.at(-1)!.reasons)}`);
  }
  for (const w of summary.warned) lines.push(`  ${style.yellow('warning')} ${w.name}@${w.version}: ${reasonText(w.reasons)}`);
  for (const e of summary.upstreamErrors.slice(0, 10)) lines.push(`  ${style.dim('upstream')} ${e.method} ${e.path}: HTTP ${e.status}${e.message ? ` ${e.message}` : ''}`);
  if (summary.hidden.some((h) => h.blocked.some((b) => b.reasons.some((r) => r.rule === 'install-scripts' && r.action === 'block')))) {
    lines.push(style.dim('  to approve a package with install scripts, add it to policy.installScripts.allow in chainwatch.config.json'));
  }
  return lines.join('\n') + '\n';
}

export function renderGateSummaryJson(summary: GateSummary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}

function reasonText(reasons: readonly Reason[]): string {
  return reasons.map((r) => `${r.rule}: ${r.message}`).join('; ');
}

function listVersions(versions: string[]): string {
  return versions.length <= 4 ? versions.join(', ') : `${versions.slice(-4).join(', ')} and ${versions.length - 4} more`;
}
