import type { AdvisoryDbStatus, UpdateAdvisoryDbResult, UpdateProgress } from '../../../app/index.js';
import type { Style } from '../../io.js';
import { plural } from '../../format.js';
import { VERSION } from '../../version.js';

/** Version of the JSON documents below; bumped only on a breaking change. */
const DB_SCHEMA_VERSION = 1;

export function progressLine(p: UpdateProgress): string {
  if (p.phase === 'download') return `downloading ${megabytes(p.bytes)}${p.total ? ` of ${megabytes(p.total)}` : ''}`;
  return `importing: ${plural(p.records, 'record')} read, ${p.stored.toLocaleString('en-US')} stored`;
}

export function renderUpdateJson(r: UpdateAdvisoryDbResult): string {
  return JSON.stringify({
    schemaVersion: DB_SCHEMA_VERSION,
    tool: { name: 'chainwatch', version: VERSION },
    db: r.dbPath,
    source: { location: r.source, kind: r.sourceKind, downloadedBytes: r.downloadedBytes },
    records: r.stats,
    diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    elapsedMs: Math.round(r.elapsedMs),
  }, null, 2) + '\n';
}

export function renderUpdateText(r: UpdateAdvisoryDbResult, style: Style): string {
  const s = r.stats;
  const skipped = [
    s.withdrawn && `${s.withdrawn.toLocaleString('en-US')} withdrawn`,
    s.notNpm && `${s.notNpm.toLocaleString('en-US')} not for npm`,
    s.malformed && `${s.malformed.toLocaleString('en-US')} malformed`,
    s.replaced && `${s.replaced.toLocaleString('en-US')} replaced by a record with the same id or alias`,
  ].filter(Boolean);
  const lines = [
    `${style.bold('Updated')} ${r.dbPath}`,
    `  source   ${r.source}${r.downloadedBytes !== null ? ` (${megabytes(r.downloadedBytes)} downloaded)` : ''}`,
    `  stored   ${counted(s.stored, 'advisory', 'advisories')}: ${kinds(s.malware, s.vulnerability)}`,
    `  read     ${plural(s.records, 'record')}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`,
  ];
  for (const d of r.diagnostics) lines.push(`  ${style.yellow('warning')}: ${d.message}`);
  lines.push(style.dim(`took ${(r.elapsedMs / 1000).toFixed(1)} s`));
  return lines.join('\n') + '\n';
}

export function renderStatusJson(st: AdvisoryDbStatus): string {
  const doc = st.exists
    ? {
        schemaVersion: DB_SCHEMA_VERSION,
        tool: { name: 'chainwatch', version: VERSION },
        db: st.dbPath,
        exists: true,
        sizeBytes: st.sizeBytes,
        databaseSchema: st.schemaVersion,
        builtAt: st.builtAt,
        sources: st.sources,
        counts: st.counts,
      }
    : { schemaVersion: DB_SCHEMA_VERSION, tool: { name: 'chainwatch', version: VERSION }, db: st.dbPath, exists: false };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function renderStatusText(st: AdvisoryDbStatus, style: Style): string {
  if (!st.exists) {
    return `No advisory database at ${st.dbPath} yet.\nRun \`chainwatch db update\` to download OSV's npm advisories; until then scan uses the curated incidents only.\n`;
  }
  const lines = [style.bold(st.dbPath)];
  for (const src of st.sources) {
    lines.push(`  ${src.id.padEnd(8)} ${src.location}`);
    lines.push(`           imported ${src.importedAt} (${age(src.ageMs)} ago)${src.newestModified ? `, newest record ${src.newestModified}` : ''}`);
  }
  const c = st.counts;
  lines.push(`  records  ${counted(c.total, 'advisory', 'advisories')}: ${kinds(c.malware, c.vulnerability)}, for ${plural(c.packages, 'package')}`);
  lines.push(style.dim(`  ${megabytes(st.sizeBytes)} · schema ${st.schemaVersion}`));
  return lines.join('\n') + '\n';
}

function kinds(malware: number, vulnerability: number): string {
  return `${malware.toLocaleString('en-US')} malware, ${counted(vulnerability, 'vulnerability', 'vulnerabilities')}`;
}

/** plural() for words whose plural is not "+s". */
function counted(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** "3 days", "5 hours", "12 minutes", "less than a minute". */
export function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}
