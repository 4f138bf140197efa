import type { Finding, PackageAnalysis, Verdict } from '../../analysis/index.js';
import { duration, plural } from '../common.js';
import { level, SARIF_SCHEMA, SECURITY_SEVERITY } from '../reporters/sarif.js';
import { plainStyle, type Style } from '../style.js';
import type { InspectReport } from './types.js';

/** Version of the JSON document; bumped only on a breaking change (docs/inspect-json.md). */
export const INSPECT_SCHEMA_VERSION = 1;

/**
 * `inspect --format json`. Stable keys (other tools read them): packages[].name, version, path,
 * verdict, findings[].rule, severity, file, line, message.
 */
export function renderInspectJson(report: InspectReport): string {
  return (
    JSON.stringify(
      {
        schemaVersion: INSPECT_SCHEMA_VERSION,
        tool: report.tool,
        packages: report.packages.map((p) => ({
          name: p.name,
          version: p.version,
          path: p.path,
          verdict: p.verdict,
          reasons: p.reasons,
          findings: p.findings.map(findingToJson),
          stats: p.stats,
        })),
        summary: report.summary,
      },
      null,
      2,
    ) + '\n'
  );
}

/** A finding in the JSON documents (inspect, diff, verify): these keys, in this order. */
export function findingToJson(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    category: f.category,
    confidence: f.confidence,
    file: f.file,
    line: f.line,
    column: f.column,
    message: f.message,
    snippet: f.snippet,
  };
}

const VERDICT_ORDER: readonly Verdict[] = ['malicious', 'suspicious', 'clean'];

/** Text: malicious and suspicious packages with their reasons and findings, clean ones counted. */
export function renderInspectText(report: InspectReport, style: Style = plainStyle): string {
  const lines: string[] = [];
  const shown = report.packages
    .filter((p) => p.verdict !== 'clean' || p.findings.some((f) => f.severity !== 'info' && f.confidence !== 'low'))
    .sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || (a.path < b.path ? -1 : 1));
  for (const p of shown) {
    const colour = p.verdict === 'malicious' ? style.red : p.verdict === 'suspicious' ? style.yellow : style.dim;
    lines.push(`${style.bold(label(p))}  ${colour(p.verdict)}  ${style.dim(p.path)}`);
    for (const r of p.reasons) lines.push(`  because ${r}`);
    for (const f of p.findings.filter((x) => x.severity !== 'info' || x.rule === 'unparseable').slice(0, 20)) lines.push(...findingLines(f, style));
    if (p.findings.length > 20) lines.push(style.dim(`  … ${p.findings.length - 20} more findings (--format json lists them all)`));
  }
  const s = report.summary;
  if (shown.length) lines.push('');
  lines.push(
    style.dim(
      `${plural(s.packages, 'package')} · ${s.malicious} malicious · ${s.suspicious} suspicious · ${s.clean} clean` +
        (s.cached ? ` · ${s.cached} from cache` : '') +
        ` · ${duration(s.elapsedMs)}`,
    ),
  );
  return lines.join('\n') + '\n';
}

function findingLines(f: Finding, style: Style): string[] {
  const where = `${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}`;
  const out = [`  ${sevColour(f, style)}  ${f.rule}  ${where}`, `    ${f.message}`];
  if (f.snippet) out.push(style.dim(`    ${f.snippet.replace(/\s+/g, ' ').slice(0, 200)}`));
  return out;
}

function sevColour(f: Finding, style: Style): string {
  const text = f.severity.padEnd(8);
  return f.severity === 'critical' || f.severity === 'high' ? style.red(text) : f.severity === 'medium' ? style.yellow(text) : style.dim(text);
}

function label(p: PackageAnalysis): string {
  return p.version ? `${p.name}@${p.version}` : p.name;
}

/** SARIF 2.1.0: one rule per detection rule that fired, one result per finding at file:line:column. */
export function renderInspectSarif(report: InspectReport): string {
  const ruleIds = [...new Set(report.packages.flatMap((p) => p.findings.map((f) => f.rule)))].sort();
  const first = new Map<string, Finding>();
  for (const p of report.packages) for (const f of p.findings) if (!first.has(f.rule)) first.set(f.rule, f);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: ruleIds.map((id) => {
              const f = first.get(id)!;
              const sev = SECURITY_SEVERITY[f.severity];
              return {
                id,
                name: id,
                shortDescription: { text: `${f.category}: ${id}` },
                defaultConfiguration: { level: level(f.severity) },
                properties: { tags: ['security', f.category], ...(sev ? { 'security-severity': sev } : {}) },
              };
            }),
          },
        },
        invocations: [{ executionSuccessful: true }],
        results: report.packages.flatMap((p) =>
          p.findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: index.get(f.rule)!,
            level: level(f.severity),
            message: { text: `${label(p)} (${p.verdict}): ${f.message}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(`${p.path}/${f.file}`) },
                  ...(f.line ? { region: { startLine: f.line, ...(f.column ? { startColumn: f.column } : {}) } } : {}),
                },
              },
            ],
            partialFingerprints: { 'chainwatch/package-finding/v1': `${p.name}|${f.rule}|${f.file}|${f.snippet.slice(0, 80)}` },
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toUri(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map(encodeURIComponent)
    .join('/');
}
