import type { Severity } from '../../../core/index.js';
import type { Advisory, Affected, RangeEvent, VersionRange } from '../../types.js';
import { rateOsvSeverity } from './cvss.js';

/**
 * One OSV record (https://ossf.github.io/osv-schema/) to one Advisory. Pure: the readers hand it
 * parsed JSON, it says what became of it. Only the npm entries of `affected` are kept.
 */
export type OsvConversion =
  | { status: 'ok'; advisory: Advisory }
  /** OSV withdrew the record (a false positive): it must never match. */
  | { status: 'withdrawn'; id: string }
  /** Valid, but no npm package with versions or ranges in it. */
  | { status: 'not-npm'; id: string }
  | { status: 'malformed'; id?: string; reason: string };

/** Longest summary kept: GHSA details run to pages of markdown; the references have the rest. */
const MAX_SUMMARY = 2000;
const MAX_TITLE = 200;

/** OSV's own marker between a MAL record's text and the per-feed sections under it. */
const PER_SOURCE_MARKER = /(?:^|\n)-{3,}\n_-= Per source details[^\n]*\n/;

export function convertOsvRecord(record: unknown): OsvConversion {
  if (!isObject(record)) return { status: 'malformed', reason: 'not a JSON object' };
  const id = record.id;
  if (typeof id !== 'string' || id.trim() === '') return { status: 'malformed', reason: 'no "id"' };
  const malformed = (reason: string): OsvConversion => ({ status: 'malformed', id, reason });

  if (typeof record.withdrawn === 'string' && record.withdrawn !== '') return { status: 'withdrawn', id };
  const modified = record.modified;
  if (typeof modified !== 'string') return malformed('no "modified" date');
  const published = typeof record.published === 'string' ? record.published : modified;

  if (record.affected !== undefined && !Array.isArray(record.affected)) return malformed('"affected" is not a list');
  const affected: Affected[] = [];
  for (const [i, entry] of ((record.affected as unknown[] | undefined) ?? []).entries()) {
    const converted = convertAffected(entry);
    if (typeof converted === 'string') return malformed(`affected[${i}]: ${converted}`);
    if (converted) affected.push(converted);
  }
  if (affected.length === 0) return { status: 'not-npm', id };

  const aliases = uniqueStrings(record.aliases).filter((a) => a !== id);
  const summaryField = typeof record.summary === 'string' ? record.summary.trim() : '';
  const details = typeof record.details === 'string' ? record.details : '';
  const title = clip(summaryField || firstLine(details) || id, MAX_TITLE);
  const kind = isMalicious(id, aliases, record) ? 'malware' : 'vulnerability';
  return {
    status: 'ok',
    advisory: {
      id,
      aliases,
      source: 'osv',
      kind,
      title,
      summary: clip(detailsSummary(details) || title, MAX_SUMMARY),
      severity: kind === 'malware' ? 'critical' : vulnerabilitySeverity(record),
      published,
      modified,
      references: uniqueStrings(Array.isArray(record.references) ? record.references.map((r) => (isObject(r) ? r.url : undefined)) : []),
      affected,
    },
  };
}

/** An npm entry, undefined for another ecosystem (or no usable versions), or why it is broken. */
function convertAffected(entry: unknown): Affected | undefined | string {
  if (!isObject(entry)) return 'not an object';
  const pkg = entry.package;
  if (!isObject(pkg) || pkg.ecosystem !== 'npm') return undefined;
  if (typeof pkg.name !== 'string' || pkg.name.trim() === '') return 'npm package without a name';
  const out: Affected = { name: pkg.name.trim() };

  if (entry.versions !== undefined) {
    if (!Array.isArray(entry.versions) || !entry.versions.every((v) => typeof v === 'string')) return '"versions" is not a list of strings';
    if (entry.versions.length) out.versions = [...new Set(entry.versions as string[])];
  }
  if (entry.ranges !== undefined) {
    if (!Array.isArray(entry.ranges)) return '"ranges" is not a list';
    const ranges: VersionRange[] = [];
    for (const [i, range] of entry.ranges.entries()) {
      if (!isObject(range) || !Array.isArray(range.events)) return `ranges[${i}] has no "events" list`;
      // GIT ranges are commit hashes: they say nothing about npm versions.
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      const events: RangeEvent[] = [];
      for (const event of range.events) {
        const converted = convertEvent(event);
        if (converted === undefined) return `ranges[${i}] has an event that is not introduced/fixed/last_affected/limit with a version`;
        events.push(converted);
      }
      // OSV requires an `introduced`; a range without one can never match.
      if (events.some((e) => 'introduced' in e)) ranges.push({ events });
    }
    if (ranges.length) out.ranges = ranges;
  }
  return out.versions || out.ranges ? out : undefined;
}

function convertEvent(event: unknown): RangeEvent | undefined {
  if (!isObject(event)) return undefined;
  if (typeof event.introduced === 'string') return { introduced: event.introduced };
  if (typeof event.fixed === 'string') return { fixed: event.fixed };
  if (typeof event.last_affected === 'string') return { lastAffected: event.last_affected };
  if (typeof event.limit === 'string') return { limit: event.limit };
  return undefined;
}

/**
 * MAL- records are OpenSSF's malicious-packages data; a record aliasing one, carrying that
 * project's provenance block, or filed under CWE-506 (embedded malicious code) is malware too.
 */
function isMalicious(id: string, aliases: string[], record: Record<string, unknown>): boolean {
  if (id.startsWith('MAL-') || aliases.some((a) => a.startsWith('MAL-'))) return true;
  const db = record.database_specific;
  if (isObject(db)) {
    if ('malicious-packages-origins' in db) return true;
    if (Array.isArray(db.cwe_ids) && db.cwe_ids.includes('CWE-506')) return true;
  }
  return Array.isArray(record.affected) && record.affected.some(
    (a) => isObject(a) && isObject(a.database_specific) && Array.isArray(a.database_specific.cwes) &&
      a.database_specific.cwes.some((c) => isObject(c) && c.cweId === 'CWE-506'),
  );
}

const GHSA_SEVERITY: Readonly<Record<string, Severity>> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };
const RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/**
 * GitHub's own rating when the record has one; otherwise the highest rating its CVSS vectors
 * give; otherwise medium: an unrated vulnerability is neither ignored nor called critical.
 */
function vulnerabilitySeverity(record: Record<string, unknown>): Severity {
  const db = record.database_specific;
  if (isObject(db) && typeof db.severity === 'string') {
    const rated = GHSA_SEVERITY[db.severity.toUpperCase()];
    if (rated) return rated;
  }
  const entries = [record.severity, ...(Array.isArray(record.affected) ? record.affected.map((a) => (isObject(a) ? a.severity : undefined)) : [])];
  let best: Severity | undefined;
  for (const list of entries) {
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      if (!isObject(s) || typeof s.score !== 'string') continue;
      const rated = rateOsvSeverity(typeof s.type === 'string' ? s.type : '', s.score);
      if (rated && (best === undefined || RANK[rated] > RANK[best])) best = rated;
    }
  }
  return best ?? 'medium';
}

/** The record's own words: a MAL record's text above the per-feed sections, or those sections' text. */
function detailsSummary(fullDetails: string): string {
  // Only the start can survive the clip to MAX_SUMMARY: do not fold pages of markdown for nothing.
  const details = fullDetails.length > 4 * MAX_SUMMARY ? fullDetails.slice(0, 4 * MAX_SUMMARY) : fullDetails;
  const marker = PER_SOURCE_MARKER.exec(details);
  const own = (marker ? details.slice(0, marker.index) : details).trim();
  if (own || !marker) return collapse(own);
  const perSource = details.slice(marker.index + marker[0].length).split('\n').filter((l) => !/^#+\s*Source:/.test(l));
  return collapse(perSource.join('\n').trim());
}

function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const clean = line.replace(/^#+\s*/, '').trim();
    if (clean && !/^-{3,}$/.test(clean)) return clean;
  }
  return '';
}

/** Blank-line paragraphs kept, runs of spaces folded. */
function collapse(text: string): string {
  return text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function uniqueStrings(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s !== ''))];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
