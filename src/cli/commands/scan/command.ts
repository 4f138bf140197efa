import { Option } from 'commander';
import type { CommandHost } from '../../run.js';
import type { ScanFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerScan({ program, action }: CommandHost): void {
  program
    .command('scan')
    .description('find compromised and vulnerable packages in every project, with how they got there and how to fix them')
    .argument('[paths...]', 'directories to search, or lockfiles', ['.'])
    .option('--installed', 'read installed node_modules trees instead of lockfiles')
    .option('--all-paths', 'show every dependency path to each hit, not only the shortest')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: any malicious package)').choices([
        'critical',
        'high',
        'medium',
        'low',
        'none',
      ]),
    )
    .option('--caches', "also look in npm's, pnpm's and yarn's caches for compromised versions fetched in the past")
    .option('--db <file>', 'advisory database (default: $XDG_CACHE_HOME/chainwatch/advisories.db)')
    .option('--deep', "also run the detection engine (chainwatch inspect) over each project's installed node_modules")
    .addHelpText(
      'after',
      `
Matches every package every lockfile resolves (directly or transitively) against the curated
incidents shipped with chainwatch and, once \`chainwatch db update\` has run, the OSV database.
Everything runs offline.

Formats: text (default), json (docs/json/scan.md), sarif (GitHub code scanning), markdown (PR comments).

Examples:
  $ chainwatch scan                              the project in the current directory
  $ chainwatch scan ~/src                        every project under ~/src
  $ chainwatch scan --fail-on high --format sarif > chainwatch.sarif
  $ chainwatch scan --caches                     was a bad version ever fetched on this machine?
  $ chainwatch scan --deep                       and is there malicious code in node_modules that no advisory names yet?`,
    )
    .action(
      action(
        async (ctx, paths: string[], opts: ScanFlags) => (await import('./handler.js')).runScan(ctx, paths, opts),
        ['text', 'json', 'sarif', 'markdown'],
      ),
    );
}
