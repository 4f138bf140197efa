import type { Diagnostic, SourceLocation } from '../../core/index.js';
import { SEVERITIES } from '../common.js';
import type { Reporter } from '../reporter.js';
import type { AdvisorySummary, CacheFinding, ProjectScan, ScanFinding, ScanReport } from '../types.js';

/** Version of the document below (docs/schemas/scan.schema.json); bumped only on a breaking change. */
export const SCAN_SCHEMA_VERSION = 1;

/**
 * The report as a versioned JSON document for other tools. Every object is rebuilt key by key,
 * so the key order is fixed by this file, not by however the report was assembled, and a field
 * added to the model does not leak out before the schema documents it.
 */
export const json: Reporter = {
  id: 'json',
  mediaType: 'application/json',
  render(report) {
    return JSON.stringify(scanDocument(report), null, 2) + '\n';
  },
};

export function scanDocument(report: ScanReport) {
  const { curated, osv } = report.advisoryData;
  const s = report.summary;
  return {
    schemaVersion: SCAN_SCHEMA_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    advisoryData: {
      curated: { incidents: curated.incidents },
      osv: osv ? { records: osv.records, updatedAt: osv.updatedAt, path: osv.path } : null,
    },
    projects: report.projects.map(projectJson),
    caches: report.caches.map(cacheJson),
    summary: {
      projects: s.projects,
      packages: s.packages,
      bySeverity: Object.fromEntries(SEVERITIES.map((sev) => [sev, s.bySeverity[sev]])),
      malicious: s.malicious,
      vulnerable: s.vulnerable,
      errors: s.errors,
      elapsedMs: Math.round(s.elapsedMs),
    },
  };
}

function projectJson(p: ProjectScan) {
  return {
    path: p.path,
    lockfile: p.lockfile,
    format: p.format,
    manager: p.manager,
    packages: p.packages,
    findings: p.findings.map(findingJson),
    diagnostics: p.diagnostics.map(diagnosticJson),
    error: p.error ? { code: p.error.code, message: p.error.message, hint: p.error.hint } : null,
    code: p.code
      ? {
          inspected: p.code.inspected,
          packages: p.code.packages.map((c) => ({
            name: c.name,
            version: c.version,
            path: c.path,
            verdict: c.verdict,
            reasons: c.reasons,
            findings: c.findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, message: f.message })),
          })),
        }
      : null,
  };
}

function findingJson(f: ScanFinding) {
  return {
    name: f.name,
    version: f.version,
    ids: [...f.ids],
    kind: f.kind,
    severity: f.severity,
    direct: f.direct,
    devOnly: f.devOnly,
    importers: [...f.importers],
    paths: f.paths.map((p) => [...p]),
    location: f.location ? locationJson(f.location) : null,
    fix: f.fix ? { version: f.fix.version, inRange: f.fix.inRange } : null,
    references: [...f.references],
    advisories: f.advisories.map(advisoryJson),
  };
}

function advisoryJson(a: AdvisorySummary) {
  return {
    id: a.id,
    aliases: [...a.aliases],
    source: a.source,
    kind: a.kind,
    title: a.title,
    severity: a.severity,
    references: [...a.references],
  };
}

function cacheJson(c: CacheFinding) {
  return { name: c.name, version: c.version, ids: [...c.ids], severity: c.severity, cache: c.cache, path: c.path, fetchedAt: c.fetchedAt };
}

function locationJson(l: SourceLocation) {
  return { file: l.file, line: l.line ?? null };
}

function diagnosticJson(d: Diagnostic) {
  return { code: d.code, severity: d.severity, message: d.message, location: d.location ? locationJson(d.location) : null };
}
