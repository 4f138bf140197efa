import type { Severity } from '../core/index.js';
import type { FixHint, ProjectScan, ScanFinding, ScanReport } from './types.js';

/** Small wording and counting helpers every reporter shares, so the formats say the same thing. */

/** Most severe first; the order of `summary.bySeverity` keys in every format. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** `412 ms` under a second, `2.4 s` above: a whole-disk scan is read in seconds. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `root › @acme/ui@2.3.0 › chalk@5.6.1`. */
export function pathText(path: readonly string[], separator = ' › '): string {
  return path.join(separator);
}

/** An importer path as people read it: '' is the root project. */
export function importerLabel(path: string): string {
  return path === '' ? 'root' : path;
}

export function fixText(fix: FixHint): string {
  return fix.inRange ? `${fix.version} (allowed by every dependent's range)` : `override to ${fix.version} (outside a dependent's range)`;
}

export function directText(f: ScanFinding): string {
  return `${f.direct ? 'direct' : 'transitive'}, ${f.devOnly ? 'dev-only' : 'prod'}`;
}

/** `1 critical, 2 medium`, most severe first; empty when nothing was hit. */
export function severityCounts(counts: Readonly<Record<Severity, number>>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

export function hitCount(report: ScanReport): number {
  return report.summary.malicious + report.summary.vulnerable;
}

/** A project's read error without the lockfile path it starts with, for formats that show the path beside it. */
export function errorDetail(p: ProjectScan): string {
  const message = p.error?.message ?? '';
  return message.startsWith(`${p.lockfile}: `) ? message.slice(p.lockfile.length + 2) : message;
}

/** Reader ids as words: the project line says what was read without the reader's internals. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'npm/package-lock': 'npm lockfile',
  'yarn/classic': 'yarn classic lockfile',
  'yarn/berry': 'yarn berry lockfile',
  'pnpm/lock': 'pnpm lockfile',
  'bun/lock': 'bun lockfile',
  'fs/node-modules': 'installed node_modules',
};

export function formatName(format: string | null): string | null {
  if (format === null) return null;
  return FORMAT_NAMES[format] ?? format;
}

/** Only http(s) references become links or help URIs: data files must not smuggle `javascript:` into a PR comment. */
export function isWebUrl(s: string): boolean {
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Where to read about one id of a finding: a reference that names it (GHSA pages do), else the
 * first reference of the advisory whose id it is. Aliases nobody links to stay plain.
 */
export function referenceFor(id: string, finding: ScanFinding): string | null {
  const named = finding.advisories.flatMap((a) => a.references).find((r) => r.includes(id) && isWebUrl(r));
  if (named) return named;
  const own = finding.advisories.find((a) => a.id === id);
  return own?.references.find(isWebUrl) ?? null;
}

/** The names to pass to `chainwatch why`, malicious first, at most a few. */
export function whyTargets(report: ScanReport, max = 3): string[] {
  const findings = report.projects
    .flatMap((p) => p.findings)
    .sort((a, b) => Number(b.kind === 'malicious') - Number(a.kind === 'malicious') || severityRank(a.severity) - severityRank(b.severity));
  return [...new Set(findings.map((f) => f.name))].slice(0, max);
}
