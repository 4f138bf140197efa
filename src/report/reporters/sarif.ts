import type { Severity } from '../../core/index.js';
import { directText, errorDetail, fixText, isWebUrl, pathText, severityRank } from '../common.js';
import type { Reporter } from '../reporter.js';
import type { AdvisorySummary, CacheFinding, ProjectScan, ScanFinding, ScanReport } from '../types.js';

/**
 * SARIF 2.1.0 for code scanning (GitHub and other SARIF viewers): one rule per advisory, one
 * result per (finding, advisory) at the lockfile line. Paths are the report's display paths,
 * so run the scan from the repository root for GitHub to place the alerts on files.
 */
export const sarif: Reporter = {
  id: 'sarif',
  mediaType: 'application/sarif+json',
  render(report) {
    return JSON.stringify(sarifLog(report), null, 2) + '\n';
  },
};

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Bump when the fingerprint's inputs change, so old and new alerts are not confused. */
const FINGERPRINT_KEY = 'chainwatch/package-advisory/v1';

/** How GitHub code scanning ranks security alerts: > 9 critical, 7–8.9 high, 4–6.9 medium, < 4 low. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string | null>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: null,
};

type Level = 'error' | 'warning' | 'note';

export function level(s: Severity): Level {
  if (s === 'critical' || s === 'high') return 'error';
  return s === 'medium' ? 'warning' : 'note';
}

/** Conditions about the run itself (not about a package in a lockfile) go out as notifications. */
const NOTIFICATIONS = {
  projectError: { id: 'project-error', text: 'A lockfile could not be read; its project was not checked.' },
  lockfileWarning: { id: 'lockfile-warning', text: 'An entry of a lockfile was skipped or could not be fully understood.' },
  installedCode: {
    id: 'installed-code',
    text: 'The detection engine judged an installed package malicious or suspicious (scan --deep).',
  },
  cacheEntry: {
    id: 'cache-entry',
    text: 'A package-manager cache holds a compromised version: it was downloaded on this machine.',
  },
} as const;

export function sarifLog(report: ScanReport) {
  const rules = collectRules(report);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.projects.flatMap((p) =>
    p.findings.flatMap((f) => f.advisories.map((a) => result(p, f, a, ruleIndex.get(a.id)!))),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map(ruleJson),
            notifications: Object.values(NOTIFICATIONS).map((n) => ({ id: n.id, shortDescription: { text: n.text } })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.summary.errors === 0,
            toolExecutionNotifications: notifications(report),
          },
        ],
        results,
        properties: {
          advisoryData: {
            curatedIncidents: report.advisoryData.curated.incidents,
            osvRecords: report.advisoryData.osv?.records ?? null,
            osvUpdatedAt: report.advisoryData.osv?.updatedAt ?? null,
          },
        },
      },
    ],
  };
}

/** Every advisory that produced a finding, once, sorted by id so rule indexes are stable. */
function collectRules(report: ScanReport): AdvisorySummary[] {
  const byId = new Map<string, AdvisorySummary>();
  for (const p of report.projects) for (const f of p.findings) for (const a of f.advisories) if (!byId.has(a.id)) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function ruleJson(a: AdvisorySummary) {
  const helpUri = a.references.find(isWebUrl);
  const aliases = a.aliases.filter((x) => x !== a.id);
  const securitySeverity = SECURITY_SEVERITY[a.severity];
  return {
    id: a.id,
    name: a.kind === 'malware' ? 'MaliciousPackage' : 'VulnerablePackage',
    shortDescription: { text: a.title },
    fullDescription: { text: `${a.title}${aliases.length ? ` (also ${aliases.join(', ')})` : ''}` },
    ...(helpUri ? { helpUri } : {}),
    help: {
      text: [a.title, '', ...(a.references.length ? ['References:', ...a.references.map((r) => `- ${r}`)] : [])].join('\n').trim(),
    },
    defaultConfiguration: { level: level(a.severity) },
    properties: {
      // GitHub shows a rule as a security alert when it has the `security` tag and a security-severity.
      tags: ['security', a.kind, a.source],
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
      severity: a.severity,
      aliases,
    },
  };
}

function result(p: ProjectScan, f: ScanFinding, a: AdvisorySummary, ruleIndex: number) {
  const file = f.location?.file ?? p.lockfile;
  const line = f.location?.line;
  const shortest = f.paths[0];
  const message = [
    `${f.name}@${f.version} is ${f.kind} (${a.id}: ${a.title}).`,
    `${capitalize(directText(f))}${shortest ? `, via ${pathText(shortest)}` : ''}${f.paths.length > 1 ? ` (+${f.paths.length - 1} more paths)` : ''}.`,
    f.fix ? `Fix: ${fixText(f.fix)}.` : 'Fix: no unaffected version known; remove the package or what depends on it.',
  ].join(' ');
  return {
    ruleId: a.id,
    ruleIndex,
    level: level(a.severity),
    message: { text: message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(file) },
          ...(line ? { region: { startLine: line } } : {}),
        },
      },
    ],
    // Not the line: a lockfile shifts with every install, the alert must not.
    partialFingerprints: { [FINGERPRINT_KEY]: `${p.lockfile}|${f.name}@${f.version}|${a.id}` },
    properties: {
      package: f.name,
      version: f.version,
      kind: f.kind,
      severity: a.severity,
      direct: f.direct,
      devOnly: f.devOnly,
      importers: f.importers,
      paths: f.paths,
      fix: f.fix,
    },
  };
}

function notifications(report: ScanReport) {
  const out: object[] = [];
  for (const p of report.projects) {
    if (p.error) {
      out.push({
        descriptor: { id: NOTIFICATIONS.projectError.id },
        level: 'error',
        message: { text: `${p.lockfile}: ${errorDetail(p)}${p.error.hint ? ` (${p.error.hint})` : ''}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(p.lockfile) } } }],
        properties: { code: p.error.code },
      });
    }
    for (const d of p.diagnostics) {
      const file = d.location?.file ?? p.lockfile;
      out.push({
        descriptor: { id: NOTIFICATIONS.lockfileWarning.id },
        level: d.severity,
        message: { text: d.message },
        locations: [
          { physicalLocation: { artifactLocation: { uri: fileUri(file) }, ...(d.location?.line ? { region: { startLine: d.location.line } } : {}) } },
        ],
        properties: { code: d.code },
      });
    }
  }
  for (const c of [...report.caches].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))) out.push(cacheNotification(c));
  // --deep verdicts are about installed files outside the repository: notifications, like caches.
  for (const p of report.projects) {
    for (const c of p.code?.packages ?? []) {
      out.push({
        descriptor: { id: NOTIFICATIONS.installedCode.id },
        level: c.verdict === 'malicious' ? 'error' : 'warning',
        message: { text: `${c.version ? `${c.name}@${c.version}` : c.name} in ${c.path} is ${c.verdict}: ${c.reasons[0] ?? ''}` },
        properties: { verdict: c.verdict, rules: [...new Set(c.findings.map((f) => f.rule))] },
      });
    }
  }
  return out;
}

function cacheNotification(c: CacheFinding) {
  return {
    descriptor: { id: NOTIFICATIONS.cacheEntry.id },
    level: level(c.severity),
    message: { text: `${c.name}@${c.version} (${c.ids.join(', ')}) is in the ${c.cache} cache${c.fetchedAt ? `, fetched ${c.fetchedAt}` : ''}.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(c.path) } } }],
    properties: { package: c.name, version: c.version, ids: c.ids, severity: c.severity, cache: c.cache, fetchedAt: c.fetchedAt },
  };
}

/**
 * A display path as a URI reference: relative paths stay relative (GitHub resolves them against
 * the checkout), absolute ones become file: URIs. Each segment is percent-encoded, so a `#`, `?`
 * or `:` in a directory name cannot turn into a fragment, query or scheme.
 */
export function fileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encode = (p: string) =>
    p
      .split('/')
      .map((seg) => encodeURIComponent(seg).replace(/%40/g, '@'))
      .join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${slashed.slice(0, 2)}${encode(slashed.slice(2))}`;
  if (slashed.startsWith('/')) return `file://${encode(slashed)}`;
  return encode(slashed);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
