import { ErrorCodes, ToolError } from '../../../core/index.js';
import type { CommandHost } from '../../run.js';
import type { DbStatusFlags, DbUpdateFlags } from './handler.js';

// Flags and help only: the implementation (and SQLite) is loaded when a subcommand runs.

const DB_OPTION = ['--db <file>', 'advisory database (default: $XDG_CACHE_HOME/chainwatch/advisories.db, else ~/.cache/chainwatch/advisories.db)'] as const;

export function registerDb({ program, action }: CommandHost): void {
  const db = program
    .command('db')
    .description('the local OSV advisory database: download or import it, show what it holds')
    .addHelpText(
      'after',
      `
Examples:
  $ chainwatch db update                         download OSV's npm advisories (MAL- and GHSA- records)
  $ chainwatch db update --source ./all.zip      import a copy you downloaded yourself
  $ chainwatch db status`,
    );

  db.command('update')
    .description("rebuild the advisory database from OSV's npm export, or from a local copy")
    .option('--source <url|path>', "an http(s) URL, or an OSV JSON file, a directory of them, or a zip (default: OSV's npm all.zip)")
    .option(...DB_OPTION)
    .option('--timeout <seconds>', 'give up a download after this many seconds without data (default 60)', parseSeconds)
    .addHelpText(
      'after',
      `
The new database is built beside the old one and renamed over it only once complete: a failed or
interrupted (Ctrl-C) update leaves the previous database as it was. Withdrawn records are skipped,
records that share an id or alias are stored once, and malformed records are skipped and counted.

Examples:
  $ chainwatch db update
  $ chainwatch db update --source https://mirror.example.test/osv/npm/all.zip
  $ chainwatch db update --source ./osv-records/ --db ./advisories.db --format json`,
    )
    .action(action(async (ctx, opts: DbUpdateFlags) => (await import('./handler.js')).runDbUpdate(ctx, opts)));

  db.command('status')
    .description('show the advisory database: its source, record counts and age')
    .option(...DB_OPTION)
    .addHelpText(
      'after',
      `
Examples:
  $ chainwatch db status
  $ chainwatch db status --db ./advisories.db --format json`,
    )
    .action(action(async (ctx, opts: DbStatusFlags) => (await import('./handler.js')).runDbStatus(ctx, opts)));
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ToolError(ErrorCodes.usage, `--timeout: '${value}' is not a positive number of seconds`);
  return n;
}
