import {
  directText,
  duration,
  errorDetail,
  formatName,
  hitCount,
  isWebUrl,
  pathText,
  plural,
  referenceFor,
  severityCounts,
  whyTargets,
} from '../common.js';
import type { Reporter } from '../reporter.js';
import type { CacheFinding, FixHint, ProjectScan, ScanFinding, ScanReport } from '../types.js';

/** A project with more hits than this gets its table folded, so one noisy project does not bury the rest. */
const FOLD_AFTER = 10;

/**
 * For a pull-request comment: a verdict heading, one table per project with hits, folded lists
 * for the rest, and the summary. Everything that comes from a lockfile or data file is escaped.
 */
export const markdown: Reporter = {
  id: 'markdown',
  mediaType: 'text/markdown',
  render(report) {
    const blocks: string[] = [`## ${verdict(report)}`];
    if (report.advisoryData.osv === null) {
      blocks.push('> ⚠️ **OSV data absent**: only curated incidents were checked. Run `chainwatch db update` to add OSV records.');
    }
    for (const p of report.projects.filter((p) => p.findings.length)) blocks.push(projectBlock(p));
    const failed = report.projects.filter((p) => p.error);
    if (failed.length) blocks.push(`### Could not be read\n\n${failed.map(errorItem).join('\n')}`);
    const clean = report.projects.filter((p) => !p.error && !p.findings.length);
    if (clean.length) blocks.push(details(`${plural(clean.length, 'project')} without hits`, clean.map(cleanItem).join('\n')));
    if (report.caches.length) blocks.push(cacheBlock(report.caches));
    const code = report.projects.filter((p) => p.code?.packages.length);
    if (code.length) blocks.push(codeBlock(code));
    blocks.push(footer(report));
    return blocks.join('\n\n') + '\n';
  },
};

/** `--deep`: packages whose installed code the engine judged malicious or suspicious. */
function codeBlock(projects: readonly ProjectScan[]): string {
  const rows = projects.flatMap((p) =>
    p.code!.packages.map((c) => `| ${code(c.version ? `${c.name}@${c.version}` : c.name)} | ${c.verdict === 'malicious' ? '🚨 malicious' : '⚠️ suspicious'} | ${text(c.reasons[0] ?? '')} | ${code(c.path)} |`),
  );
  const table = ['| Package | Verdict | Why | Path |', '| --- | --- | --- | --- |', ...rows].join('\n');
  return `### Installed code (--deep)\n\n${rows.length > FOLD_AFTER ? details(plural(rows.length, 'package'), table) : table}`;
}

function verdict(report: ScanReport): string {
  const { malicious, vulnerable, errors } = report.summary;
  const found = [malicious && plural(malicious, 'malicious package'), vulnerable && plural(vulnerable, 'vulnerable package')].filter(Boolean);
  if (malicious) return `🚨 chainwatch: ${found.join(' and ')}`;
  if (vulnerable) return `⚠️ chainwatch: ${found.join(' and ')}`;
  if (report.caches.length) return `🚨 chainwatch: compromised versions in ${plural(report.caches.length, 'cache entry', 'cache entries')}`;
  if (errors) return `⚠️ chainwatch: no known bad versions, but ${plural(errors, 'project')} could not be read`;
  return '✅ chainwatch: no known malicious or vulnerable packages';
}

function projectBlock(p: ProjectScan): string {
  const about = [formatName(p.format), plural(p.packages, 'package'), plural(p.findings.length, 'hit')].filter(Boolean).join(' · ');
  const table = [
    '| Package | Version | Severity | Kind | Advisories | Dependency | Shortest path | Fix |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...p.findings.map(findingRow),
  ].join('\n');
  const body = p.findings.length > FOLD_AFTER ? details(`${plural(p.findings.length, 'hit')}`, table) : table;
  return `### ${code(p.lockfile, false)}\n\n${about}\n\n${body}`;
}

function findingRow(f: ScanFinding): string {
  const severity = f.severity === 'critical' || f.severity === 'high' ? `**${f.severity}**` : f.severity;
  const ids = f.ids.map((id) => link(id, referenceFor(id, f))).join(', ');
  const path = f.paths[0] ? code(pathText(f.paths[0])) : '';
  const more = f.paths.length > 1 ? ` (+${f.paths.length - 1})` : '';
  return `| ${code(f.name)} | ${code(f.version)} | ${severity} | ${f.kind} | ${ids} | ${directText(f)} | ${path}${more} | ${fixCell(f.fix)} |`;
}

function fixCell(fix: FixHint | null): string {
  if (!fix) return '—';
  return fix.inRange ? `${code(fix.version)} (in range)` : `override to ${code(fix.version)} (out of range)`;
}

function errorItem(p: ProjectScan): string {
  const e = p.error!;
  return `- ${code(p.lockfile, false)}: ${text(errorDetail(p))}${e.hint ? ` (${text(e.hint)})` : ''}`;
}

function cleanItem(p: ProjectScan): string {
  return `- ${code(p.lockfile, false)} (${plural(p.packages, 'package')})`;
}

function cacheBlock(caches: readonly CacheFinding[]): string {
  const rows = caches.map(
    (c) => `| ${code(c.name)} | ${code(c.version)} | ${c.severity} | ${c.ids.map(text).join(', ')} | ${c.cache} | ${c.fetchedAt ? text(c.fetchedAt) : 'unknown'} |`,
  );
  const table = ['| Package | Version | Severity | Advisories | Cache | Fetched |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  const intro = 'These versions were downloaded on the machine that ran the scan, even if no lockfile uses them any more.';
  return `### Package-manager caches\n\n${intro}\n\n${caches.length > FOLD_AFTER ? details(plural(caches.length, 'cache entry', 'cache entries'), table) : table}`;
}

function footer(report: ScanReport): string {
  const s = report.summary;
  const hits = hitCount(report);
  const parts = [plural(s.projects, 'project'), plural(s.packages, 'package'), hits ? `${plural(hits, 'hit')} (${severityCounts(s.bySeverity)})` : 'no hits'];
  if (s.errors) parts.push(plural(s.errors, 'error'));
  if (report.caches.length) parts.push(plural(report.caches.length, 'cache entry', 'cache entries'));
  parts.push(duration(s.elapsedMs));
  const { curated, osv } = report.advisoryData;
  const data = [plural(curated.incidents, 'curated incident'), ...(osv ? [`${plural(osv.records, 'OSV record')} (updated ${text(osv.updatedAt)})`] : [])];
  const lines = ['---', '', `${parts.join(' · ')}  `, `Checked against ${data.join(' and ')} by ${text(report.tool.name)} ${text(report.tool.version)}.`];
  const names = whyTargets(report);
  if (names.length) lines.push('', `To see every path to a package, run ${names.map((n) => code(`chainwatch why ${n}`, false)).join(', ')}.`);
  return lines.join('\n');
}

function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/**
 * Plain text from a lockfile or data file: Markdown punctuation backslash-escaped (CommonMark
 * allows it before any ASCII punctuation), `|` too so a table cell stays one cell, newlines flattened.
 */
export function text(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~&]/g, (c) => `\\${c}`);
}

/**
 * A code span that holds any string: a fence longer than any backtick run inside it, padded when
 * the content starts or ends with a backtick, and in a table `|` escaped (GFM splits cells on it even in code).
 */
export function code(s: string, inTable = true): string {
  const spaced = s.replace(/\r?\n/g, ' ');
  const flat = inTable ? spaced.replace(/\|/g, '\\|') : spaced;
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** `[id](<url>)` for web references only; anything else stays text. */
function link(label: string, url: string | null): string {
  if (!url || !isWebUrl(url)) return text(label);
  const href = new URL(url).href.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
  return `[${text(label)}](<${href}>)`;
}
