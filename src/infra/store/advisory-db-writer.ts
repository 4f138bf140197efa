import type BetterSqlite3 from 'better-sqlite3';
import { ErrorCodes, ToolError } from '../../core/index.js';
import type { Advisory } from '../../advisories/index.js';
import type { AdvisorySourceInfo } from './advisory-db-reader.js';
import { createSchema } from './schema.js';
import { isSqliteError, sqlite } from './sqlite.js';

/**
 * Fills a brand-new database file. Meant for a temporary file that is renamed over the real one
 * when complete (see replaceFileAtomically), which is why it trades crash safety for speed: no
 * journal, no syncs. A crash leaves only a temporary file behind, never a half-written database.
 */
export interface AdvisoryDbWriter {
  /**
   * Stores one advisory under a source. A stored advisory of the same source that shares its id
   * or any alias is removed first: the later record replaces it. Returns how many it replaced.
   */
  put(sourceId: string, advisory: Advisory): number;
  /** How many advisories of the source are stored now. */
  count(sourceId: string): number;
  putSource(info: AdvisorySourceInfo): void;
  /** Commits and closes; the file is complete. */
  close(): void;
  /** Closes without caring for the contents (the caller deletes the file). */
  abandon(): void;
}

/** Commit every so many advisories: bounds the dirty pages SQLite holds without a journal. */
const BATCH = 20_000;

export function createAdvisoryDbWriter(path: string, opts: { builtAt?: string } = {}): AdvisoryDbWriter {
  const writer = openWriter(path, opts);
  // A full disk or an unwritable directory is the machine's problem, not a bug: name the file.
  const guard = <A extends unknown[], T>(fn: (...args: A) => T) => (...args: A): T => {
    try {
      return fn(...args);
    } catch (e) {
      throw cannotWrite(path, e);
    }
  };
  return {
    put: guard(writer.put),
    count: guard(writer.count),
    putSource: guard(writer.putSource),
    close: guard(writer.close),
    abandon: writer.abandon,
  };
}

function cannotWrite(path: string, e: unknown): unknown {
  if (!isSqliteError(e)) return e;
  return new ToolError(ErrorCodes.io, `${path}: cannot write the advisory database (${e.message})`, {
    cause: e,
    hint: 'check the free space and permissions of its directory, or pass --db with another path',
  });
}

function openWriter(path: string, opts: { builtAt?: string }): AdvisoryDbWriter {
  let db: BetterSqlite3.Database;
  try {
    db = new (sqlite())(path);
  } catch (e) {
    throw cannotWrite(path, e);
  }
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    createSchema(db);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('built_at', opts.builtAt ?? new Date().toISOString());
  } catch (e) {
    db.close();
    throw cannotWrite(path, e);
  }

  const findAlias = db.prepare<[string, string], { advisory_id: string }>('SELECT advisory_id FROM advisory_ids WHERE source_id = ? AND alias = ?');
  const getJson = db.prepare<[string], { json: string }>('SELECT json FROM advisories WHERE id = ?');
  const insertAdvisory = db.prepare('INSERT OR REPLACE INTO advisories (id, source_id, kind, json) VALUES (?, ?, ?, ?)');
  const insertAlias = db.prepare('INSERT OR REPLACE INTO advisory_ids (source_id, alias, advisory_id) VALUES (?, ?, ?)');
  const insertName = db.prepare('INSERT OR IGNORE INTO package_advisories (name, advisory_id) VALUES (?, ?)');
  const deleteAdvisory = db.prepare('DELETE FROM advisories WHERE id = ?');
  const deleteAlias = db.prepare('DELETE FROM advisory_ids WHERE source_id = ? AND alias = ?');
  const deleteName = db.prepare('DELETE FROM package_advisories WHERE name = ? AND advisory_id = ?');
  const countSource = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM advisories WHERE source_id = ?');

  /** Removes a stored advisory and its index rows, found from its own JSON (no extra indexes). */
  const remove = (sourceId: string, id: string) => {
    const row = getJson.get(id);
    if (!row) return;
    const old = JSON.parse(row.json) as Advisory;
    for (const alias of idsOf(old)) deleteAlias.run(sourceId, alias);
    for (const name of namesOf(old)) deleteName.run(name, id);
    deleteAdvisory.run(id);
  };

  let pending = 0;
  db.exec('BEGIN');
  return {
    put(sourceId, advisory) {
      const ids = idsOf(advisory);
      const replaced = new Set<string>();
      for (const alias of ids) {
        const hit = findAlias.get(sourceId, alias);
        if (hit) replaced.add(hit.advisory_id);
      }
      for (const id of replaced) remove(sourceId, id);
      insertAdvisory.run(advisory.id, sourceId, advisory.kind, JSON.stringify(advisory));
      for (const alias of ids) insertAlias.run(sourceId, alias, advisory.id);
      for (const name of namesOf(advisory)) insertName.run(name, advisory.id);
      if (++pending >= BATCH) {
        db.exec('COMMIT; BEGIN');
        pending = 0;
      }
      return replaced.size;
    },
    count(sourceId) {
      return countSource.get(sourceId)?.n ?? 0;
    },
    putSource(info) {
      db.prepare('INSERT OR REPLACE INTO sources (id, location, imported_at, records, skipped, newest_modified) VALUES (?, ?, ?, ?, ?, ?)').run(
        info.id, info.location, info.importedAt, info.records, info.skipped, info.newestModified,
      );
    },
    close() {
      // The file is never written again once built: counting now makes `db status` and every
      // scan's header a key lookup instead of a scan of 250,000 rows.
      const counts = db.prepare(
        `SELECT (SELECT count(*) FROM advisories WHERE kind = 'malware') AS malware,
                (SELECT count(*) FROM advisories WHERE kind = 'vulnerability') AS vulnerability,
                (SELECT count(DISTINCT name) FROM package_advisories) AS packages`,
      ).get() as Record<string, number>;
      const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
      for (const [key, n] of Object.entries(counts)) setMeta.run(`count_${key}`, String(n));
      db.exec('COMMIT');
      // Statistics for the query planner, so lookups use the name index whatever the data.
      db.exec('ANALYZE');
      db.close();
    },
    abandon() {
      if (db.open) db.close();
    },
  };
}

function idsOf(a: Advisory): string[] {
  return [...new Set([a.id, ...a.aliases])];
}

function namesOf(a: Advisory): string[] {
  return [...new Set(a.affected.map((x) => x.name))];
}
