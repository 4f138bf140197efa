import { curatedIndex, loadCuratedIncidents, type AdvisoryIndex } from '../advisories/index.js';
import { defaultAdvisoryDbPath } from '../infra/index.js';
import type { AdvisoryDataStatus } from '../report/index.js';
import { openAdvisoryDb } from './advisory-db.js';

export interface AdvisorySources {
  /** Curated incidents first, then the OSV database when there is one. */
  indexes: AdvisoryIndex[];
  status: AdvisoryDataStatus;
  close(): void;
}

/**
 * Everything a scan matches against: the incidents shipped with chainwatch, always, and the OSV
 * database at `dbPath` (default: the user's cache directory) if `chainwatch db update` made one.
 */
export function openAdvisorySources(opts: { dbPath?: string | undefined; env: Readonly<Record<string, string | undefined>>; homedir: string }): AdvisorySources {
  const dbPath = opts.dbPath ?? defaultAdvisoryDbPath(opts.env, opts.homedir);
  const osv = openAdvisoryDb(dbPath);
  const curated = { incidents: loadCuratedIncidents().length };
  if (osv === null) return { indexes: [curatedIndex()], status: { curated, osv: null }, close() {} };
  try {
    const summary = osv.summary();
    const updatedAt = summary.builtAt ?? summary.sources.map((s) => s.importedAt).sort().at(-1) ?? '';
    return {
      indexes: [curatedIndex(), osv],
      status: { curated, osv: { records: summary.counts.total, updatedAt, path: dbPath } },
      close: () => osv.close(),
    };
  } catch (e) {
    osv.close();
    throw e;
  }
}
