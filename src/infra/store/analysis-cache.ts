import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { sqlite } from './sqlite.js';

/**
 * Detection results by package fingerprint (its files' paths, sizes and times, or a tarball's
 * integrity, with the engine's own version): a second inspection of an unchanged tree reads
 * answers instead of files. Values are JSON the caller owns. A cache is only a speed-up: a file
 * that cannot be opened or written means no cache, never a failed inspection.
 */
export interface ResultCache {
  get(key: string): string | undefined;
  /** Stores many results in one transaction. */
  putMany(entries: readonly (readonly [key: string, json: string])[]): void;
  close(): void;
}

export function openResultCache(path: string): ResultCache | null {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const db = new (sqlite())(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, json TEXT NOT NULL, used_at INTEGER NOT NULL) WITHOUT ROWID');
    const get = db.prepare<[string], { json: string }>('SELECT json FROM results WHERE key = ?');
    const put = db.prepare('INSERT OR REPLACE INTO results (key, json, used_at) VALUES (?, ?, ?)');
    const putMany = db.transaction((entries: readonly (readonly [string, string])[]) => {
      const now = Date.now();
      for (const [key, json] of entries) put.run(key, json, now);
    });
    return {
      get: (key) => {
        try {
          return get.get(key)?.json;
        } catch {
          return undefined;
        }
      },
      putMany: (entries) => {
        try {
          putMany(entries);
        } catch {
          // a full disk or a locked file costs the next run time, not this run its result
        }
      },
      close: () => db.close(),
    };
  } catch {
    return null;
  }
}
