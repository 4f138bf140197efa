import type BetterSqlite3 from 'better-sqlite3';
import type { Advisory, AdvisoryIndex } from '../../advisories/index.js';
import { unusableDatabase } from './errors.js';
import { APPLICATION_ID, SCHEMA_VERSION } from './schema.js';
import { isSqliteError, sqlite } from './sqlite.js';

export interface AdvisorySourceInfo {
  id: string;
  location: string;
  importedAt: string;
  records: number;
  skipped: number;
  newestModified: string | null;
}

export interface AdvisoryDbSummary {
  schemaVersion: number;
  builtAt: string | null;
  sources: AdvisorySourceInfo[];
  counts: { malware: number; vulnerability: number; total: number; packages: number };
}

/** The advisory database opened read-only: an AdvisoryIndex plus what `db status` shows. */
export interface AdvisoryDbReader extends AdvisoryIndex {
  readonly path: string;
  summary(): AdvisoryDbSummary;
  close(): void;
}

/**
 * Opens an existing database read-only and checks it is ours and of this schema. Any SQLite
 * error, now or in a later lookup (a truncated file fails only when the missing page is read),
 * becomes the one "not a usable chainwatch database … rebuild it" ToolError.
 */
export function openAdvisoryDbReader(path: string): AdvisoryDbReader {
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      // SQLite's own errors, and a stored row that is no longer JSON: the file is damaged.
      if (isSqliteError(e) || e instanceof SyntaxError) throw unusableDatabase(path, describe(e), e);
      throw e;
    }
  };
  let db: BetterSqlite3.Database;
  try {
    db = new (sqlite())(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw unusableDatabase(path, describe(e), e);
  }
  try {
    checkIdentity(db, path);
  } catch (e) {
    db.close();
    if (isSqliteError(e)) throw unusableDatabase(path, describe(e), e);
    throw e;
  }

  // One query per batch whatever its size: the names travel as one JSON array and json_each
  // drives the join, so 10,000 lockfile names cost one statement, not 10,000.
  const byNames = db.prepare<[string], { name: string; id: string; json: string }>(
    `SELECT p.name AS name, a.id AS id, a.json AS json
       FROM json_each(?) AS j
       CROSS JOIN package_advisories AS p ON p.name = j.value
       CROSS JOIN advisories AS a ON a.id = p.advisory_id
      ORDER BY p.name, a.id`,
  );

  return {
    path,
    lookup(names) {
      const unique = [...new Set(names)];
      const found = new Map<string, Advisory[]>();
      if (unique.length === 0) return found;
      const rows = guard(() => byNames.all(JSON.stringify(unique)));
      const parsed = new Map<string, Advisory>();
      for (const row of rows) {
        let advisory = parsed.get(row.id);
        if (advisory === undefined) parsed.set(row.id, (advisory = guard(() => JSON.parse(row.json) as Advisory)));
        const list = found.get(row.name);
        if (list) list.push(advisory);
        else found.set(row.name, [advisory]);
      }
      return found;
    },
    summary() {
      return guard(() => readSummary(db));
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function checkIdentity(db: BetterSqlite3.Database, path: string): void {
  // The first read of the file: a non-SQLite file fails here with SQLITE_NOTADB.
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== APPLICATION_ID) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    throw unusableDatabase(path, tables.n === 0 ? 'an empty file' : 'an SQLite database, but not one chainwatch wrote');
  }
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const version = Number(row?.value);
  if (version !== SCHEMA_VERSION) {
    throw unusableDatabase(
      path,
      `schema version ${row?.value ?? 'missing'}, this chainwatch reads ${SCHEMA_VERSION}: it was built by ${version > SCHEMA_VERSION ? 'a newer' : 'an older'} chainwatch`,
    );
  }
}

function readSummary(db: BetterSqlite3.Database): AdvisoryDbSummary {
  const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  const sources = (
    db.prepare('SELECT id, location, imported_at, records, skipped, newest_modified FROM sources ORDER BY id').all() as {
      id: string; location: string; imported_at: string; records: number; skipped: number; newest_modified: string | null;
    }[]
  ).map((r) => ({ id: r.id, location: r.location, importedAt: r.imported_at, records: r.records, skipped: r.skipped, newestModified: r.newest_modified }));
  // Counted once by the writer (see close()).
  const count = (key: string) => Number(meta.get(`count_${key}`) ?? 0);
  const malware = count('malware');
  const vulnerability = count('vulnerability');
  const packages = count('packages');
  return {
    schemaVersion: Number(meta.get('schema_version')),
    builtAt: meta.get('built_at') ?? null,
    sources,
    counts: { malware, vulnerability, total: malware + vulnerability, packages },
  };
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'SQLITE_NOTADB') return 'not an SQLite file';
  if (err.code === 'SQLITE_CORRUPT') return `the file is damaged: ${err.message}`;
  return err.message ?? String(e);
}
