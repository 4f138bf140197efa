import type { Severity } from '../../../core/index.js';

/**
 * CVSS base scores from vector strings, for OSV records whose only severity is a `severity[]`
 * entry (GHSA records also carry a ready-made rating, which wins). v3.x and v2 are computed with
 * the formulas of their specifications; v4's score needs the specification's large lookup table,
 * so a v4-only record is rated by its own impact metrics instead (see rateCvss4).
 */

/** Severity rating of a v3/v4 base score (CVSS v3.1 specification, table 14). */
export function ratingOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** The rating of one OSV `severity[]` entry, or undefined when it cannot be read. */
export function rateOsvSeverity(type: string, score: string): Severity | undefined {
  const trimmed = score.trim();
  // Some databases put a bare number in `score`.
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    return n <= 10 ? ratingOfScore(n) : undefined;
  }
  if (type === 'CVSS_V3' || trimmed.startsWith('CVSS:3.')) {
    const s = cvss3BaseScore(trimmed);
    return s === undefined ? undefined : ratingOfScore(s);
  }
  if (type === 'CVSS_V4' || trimmed.startsWith('CVSS:4.')) return rateCvss4(trimmed);
  if (type === 'CVSS_V2') {
    const s = cvss2BaseScore(trimmed);
    // NVD's v2 bands: 7.0 and up is high; v2 has no critical.
    return s === undefined ? undefined : s >= 7 ? 'high' : s >= 4 ? 'medium' : s > 0 ? 'low' : 'info';
  }
  return undefined;
}

function metrics(vector: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of vector.split('/')) {
    const i = part.indexOf(':');
    if (i > 0) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

const V3 = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}

/** CVSS v3.0/v3.1 base score (specification section 7.1), or undefined for a broken vector. */
export function cvss3BaseScore(vector: string): number | undefined {
  const m = metrics(vector);
  const scope = m.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const av = pick(V3.AV, m.get('AV'));
  const ac = pick(V3.AC, m.get('AC'));
  const ui = pick(V3.UI, m.get('UI'));
  const pr = pick(changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 }, m.get('PR'));
  const c = pick(V3.CIA, m.get('C'));
  const i = pick(V3.CIA, m.get('I'));
  const a = pick(V3.CIA, m.get('A'));
  if (av === undefined || ac === undefined || ui === undefined || pr === undefined || c === undefined || i === undefined || a === undefined) {
    return undefined;
  }
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return roundUp(Math.min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
}

/** CVSS v3.1 Roundup (appendix A): the smallest one-decimal number >= x, robust to float noise. */
function roundUp(x: number): number {
  const int = Math.round(x * 100000);
  return int % 10000 === 0 ? int / 100000 : (Math.floor(int / 10000) + 1) / 10;
}

/** CVSS v2 base score (specification section 3.2.1), or undefined for a broken vector. */
export function cvss2BaseScore(vector: string): number | undefined {
  const m = metrics(vector.replace(/^\(|\)$/g, ''));
  const av = pick({ L: 0.395, A: 0.646, N: 1 }, m.get('AV'));
  const ac = pick({ H: 0.35, M: 0.61, L: 0.71 }, m.get('AC'));
  const au = pick({ M: 0.45, S: 0.56, N: 0.704 }, m.get('Au'));
  const cia = { N: 0, P: 0.275, C: 0.66 };
  const c = pick(cia, m.get('C'));
  const i = pick(cia, m.get('I'));
  const a = pick(cia, m.get('A'));
  if (av === undefined || ac === undefined || au === undefined || c === undefined || i === undefined || a === undefined) return undefined;
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability = 20 * av * ac * au;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10;
}

/**
 * A coarse rating for a CVSS v4 vector. The exact v4 score comes from a lookup table of 270
 * "macrovectors" that is not worth carrying for the rare record that has nothing else: this
 * keeps the direction (high impact reachable over the network without privileges or user action
 * rates critical; no impact rates low) and errs towards the higher band.
 */
export function rateCvss4(vector: string): Severity | undefined {
  const m = metrics(vector);
  const impacts = ['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].map((k) => m.get(k));
  if (impacts.some((v) => v !== 'H' && v !== 'L' && v !== 'N')) return undefined;
  const vulnerable = impacts.slice(0, 3);
  const anyHigh = impacts.includes('H');
  const vulnerableHigh = vulnerable.includes('H');
  if (!impacts.includes('H') && !impacts.includes('L')) return 'low';
  const easy = m.get('AV') === 'N' && m.get('AC') === 'L' && m.get('AT') === 'N' && m.get('PR') === 'N' && m.get('UI') === 'N';
  if (vulnerableHigh && easy) return 'critical';
  if (anyHigh) return 'high';
  return 'medium';
}
