import type BetterSqlite3 from 'better-sqlite3';

/**
 * The advisory database's layout. Bump SCHEMA_VERSION on any change: a database from another
 * version is refused with a "rebuild it" message rather than half-read (it is a cache, rebuilt
 * from its source by `chainwatch db update`, so there are no in-place migrations).
 */
export const SCHEMA_VERSION = 1;

/** `PRAGMA application_id` of our files ('cwdb'): tells our database from any other SQLite file. */
export const APPLICATION_ID = 0x63776462;

const DDL = `
  -- key/value facts about the file itself: schema_version, built_at.
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

  -- one row per imported source (today: the OSV import), with what the import counted.
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    location TEXT NOT NULL,         -- the URL or path it was read from
    imported_at TEXT NOT NULL,      -- ISO 8601
    records INTEGER NOT NULL,       -- advisories stored
    skipped INTEGER NOT NULL,       -- withdrawn, not npm, malformed or replaced by an alias
    newest_modified TEXT            -- the latest "modified" among its records: how fresh the data is
  );

  -- the Advisory objects themselves, as JSON: matching never looks at the source format again.
  CREATE TABLE advisories (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    json TEXT NOT NULL
  );

  -- every id and alias of a stored advisory, per source: an incoming record that shares one
  -- replaces the stored one (OSV ships some advisories under two ids).
  CREATE TABLE advisory_ids (
    source_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    advisory_id TEXT NOT NULL,
    PRIMARY KEY (source_id, alias)
  ) WITHOUT ROWID;

  -- package name -> advisory: lookup goes by name, many names per query.
  CREATE TABLE package_advisories (
    name TEXT NOT NULL,
    advisory_id TEXT NOT NULL,
    PRIMARY KEY (name, advisory_id)
  ) WITHOUT ROWID;
`;

export function createSchema(db: BetterSqlite3.Database): void {
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec(DDL);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
}
