import type { Diagnostic, Severity } from '../../core/index.js';
import {
  directText,
  duration,
  fixText,
  formatName,
  hitCount,
  importerLabel,
  plural,
  severityCounts,
  whyTargets,
} from '../common.js';
import type { Reporter } from '../reporter.js';
import { plainStyle, type Style } from '../style.js';
import type { CacheFinding, CodeScan, ProjectScan, ScanFinding, ScanReport } from '../types.js';

/** A whole-disk scan can carry hundreds of warnings; `chainwatch inventory` shows them all. */
const MAX_DIAGNOSTICS = 5;

const CACHE_NAMES: Readonly<Record<CacheFinding['cache'], string>> = {
  npm: 'npm cache',
  pnpm: 'pnpm store',
  'yarn-classic': 'yarn classic cache',
  'yarn-berry': 'yarn berry cache',
};

/**
 * For people at a terminal: grouped per project, each hit with everything needed to act on it,
 * then the caches, one summary line, and what to do next. Colour only through `style`.
 */
export const text: Reporter = {
  id: 'text',
  mediaType: 'text/plain',
  render(report, opts = {}) {
    const style = opts.style ?? plainStyle;
    const lines: string[] = [];
    for (const project of report.projects) lines.push(...projectLines(project, style));
    if (report.caches.length) lines.push('', style.bold('Package-manager caches'), ...report.caches.flatMap((c) => cacheLines(c, style)));
    lines.push('', advisoryDataLine(report, style), summaryLine(report, style), ...nextSteps(report, style));
    return lines.join('\n') + '\n';
  },
};

function projectLines(p: ProjectScan, style: Style): string[] {
  const head = style.bold(p.path);
  if (p.error) {
    return [`${head}  ${style.red('error')}: ${p.error.message}`, ...(p.error.hint ? [style.dim(`  hint: ${p.error.hint}`)] : [])];
  }
  const about = [p.lockfile, formatName(p.format), plural(p.packages, 'package')].filter((x): x is string => x !== null).join(' · ');
  const verdict = p.findings.length ? style.red(plural(p.findings.length, 'hit')) : style.green('no known bad versions');
  const lines = [`${head}  ${style.dim(about)}  ${verdict}`];
  lines.push(...diagnosticLines(p.diagnostics, style));
  for (const f of p.findings) lines.push(...findingLines(f, style));
  if (p.code) lines.push(...codeLines(p.code, style));
  return lines;
}

/** `--deep`: the engine's verdicts on installed packages, clean ones only counted. */
function codeLines(code: CodeScan, style: Style): string[] {
  const bad = code.packages.length;
  const lines = [`  ${style.dim(`code: ${plural(code.inspected, 'installed package')} inspected`)}  ${bad ? style.red(`${bad} not clean`) : style.green('nothing malicious or suspicious')}`];
  for (const c of code.packages) {
    const verdict = c.verdict === 'malicious' ? style.bold(style.red('malicious')) : style.yellow('suspicious');
    lines.push(`  ${style.bold(c.version ? `${c.name}@${c.version}` : c.name)}  ${verdict}  ${style.dim(c.path)}`);
    for (const r of c.reasons.slice(0, 5)) lines.push(`    because ${r}`);
  }
  if (bad) lines.push(style.dim(`    details: chainwatch inspect ${code.packages[0]!.path}`));
  return lines;
}

function findingLines(f: ScanFinding, style: Style): string[] {
  const kind = f.kind === 'malicious' ? style.bold(style.red('malicious')) : style.yellow('vulnerable');
  const lines = [`  ${style.bold(`${f.name}@${f.version}`)}  ${kind}  ${severityText(f.severity, style)}`];
  // Each advisory with its aliases and title: together they list every id of `f.ids`.
  for (const a of f.advisories) {
    const aliases = a.aliases.filter((x) => x !== a.id);
    lines.push(`    ${style.cyan(a.id)}${aliases.length ? style.dim(` (${aliases.join(', ')})`) : ''}  ${a.title}`);
  }
  lines.push(`    ${directText(f)} · in ${f.importers.map(importerLabel).join(', ')}`);
  if (f.paths.length === 1) lines.push(`    path: ${pathLine(f.paths[0]!, style)}`);
  else if (f.paths.length > 1) lines.push(`    paths:`, ...f.paths.map((p) => `      ${pathLine(p, style)}`));
  if (f.location) lines.push(`    lockfile: ${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`);
  lines.push(f.fix ? `    fix: ${style.green(fixText(f.fix))}` : `    fix: ${style.yellow('no unaffected version known; remove the package or what depends on it')}`);
  if (f.references.length) lines.push(`    refs: ${f.references[0]}`, ...f.references.slice(1).map((r) => `          ${r}`));
  return lines;
}

function pathLine(path: readonly string[], style: Style): string {
  const [head, ...rest] = path;
  return [style.cyan(head ?? ''), ...rest].join(style.dim(' › '));
}

function severityText(s: Severity, style: Style): string {
  switch (s) {
    case 'critical':
      return style.bold(style.red(s));
    case 'high':
      return style.red(s);
    case 'medium':
      return style.yellow(s);
    default:
      return style.dim(s);
  }
}

function diagnosticLines(diagnostics: readonly Diagnostic[], style: Style): string[] {
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => {
    const where = d.location ? `${d.location.file}${d.location.line ? `:${d.location.line}` : ''}: ` : '';
    return `  ${d.severity === 'error' ? style.red('error') : style.yellow('warning')}: ${where}${d.message}`;
  });
  const more = diagnostics.length - shown.length;
  return more > 0 ? [...shown, style.dim(`  … ${plural(more, 'more warning')} (chainwatch inventory lists them all)`)] : shown;
}

function cacheLines(c: CacheFinding, style: Style): string[] {
  const when = c.fetchedAt ? `fetched ${c.fetchedAt}` : 'fetch time not recorded';
  return [
    `  ${style.bold(`${c.name}@${c.version}`)}  ${severityText(c.severity, style)}  ${CACHE_NAMES[c.cache]} · ${when}`,
    `    ${c.ids.map((id) => style.cyan(id)).join(', ')}`,
    style.dim(`    entry: ${c.path}`),
  ];
}

function advisoryDataLine(report: ScanReport, style: Style): string {
  const { curated, osv } = report.advisoryData;
  const sources = [plural(curated.incidents, 'curated incident')];
  if (osv) sources.push(`${plural(osv.records, 'OSV record')} (updated ${osv.updatedAt})`);
  return style.dim(`checked against ${sources.join(' and ')}`);
}

/** projects · packages · hits by severity · errors · caches · time, in one line. */
function summaryLine(report: ScanReport, style: Style): string {
  const s = report.summary;
  const hits = hitCount(report);
  const parts = [plural(s.projects, 'project'), plural(s.packages, 'package')];
  parts.push(hits ? style.red(`${plural(hits, 'hit')} (${severityCounts(s.bySeverity)})`) : style.green('no hits'));
  if (s.errors) parts.push(style.red(plural(s.errors, 'error')));
  if (report.caches.length) parts.push(style.red(`${plural(report.caches.length, 'cache entry', 'cache entries')}`));
  parts.push(duration(s.elapsedMs));
  return parts.join(' · ');
}

function nextSteps(report: ScanReport, style: Style): string[] {
  const steps: string[] = [];
  if (report.summary.malicious) {
    steps.push('Remove the malicious versions (see the fix lines), then check the machines and CI runners that installed them.');
  }
  const names = whyTargets(report);
  if (names.length) steps.push(`See how a package got in: ${names.map((n) => `chainwatch why ${n}`).join(', ')}`);
  if (report.caches.length) {
    steps.push('A cache entry means the version was downloaded on this machine: find what installed it, then clear that cache.');
  }
  if (report.summary.errors) steps.push(`${plural(report.summary.errors, 'project')} could not be read: see the errors above.`);
  if (report.advisoryData.osv === null) {
    steps.push(style.yellow('OSV data absent: only curated incidents were checked. Run `chainwatch db update` to add OSV records.'));
  }
  return steps.map((s) => `${style.dim('→')} ${s}`);
}
