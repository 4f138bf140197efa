import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const load = createRequire(import.meta.url);
let Database: typeof BetterSqlite3 | undefined;

/**
 * better-sqlite3, loaded on first use: commands that never open the database (inventory, why,
 * --help) do not pay for loading a native module.
 */
export function sqlite(): typeof BetterSqlite3 {
  return (Database ??= load('better-sqlite3') as typeof BetterSqlite3);
}

/** better-sqlite3's errors carry an SQLITE_* code; anything else is not a database problem. */
export function isSqliteError(e: unknown): e is Error & { code: string } {
  const code: unknown = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
