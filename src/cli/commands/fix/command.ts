import type { CommandHost } from '../../run.js';
import type { FixFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerFix({ program, action }: CommandHost): void {
  program
    .command('fix')
    .description('move every compromised or vulnerable package to a safe version: an override, or the declared version of a direct dependency')
    .argument('[paths...]', 'project directories to search, or lockfiles', ['.'])
    .option('--dry-run', 'print the planned change as a unified diff and write nothing')
    .option('--relock', 'then update the lockfile with the package manager (lockfile only, scripts off) and check it again')
    .option('--offline', 'choose versions from the lockfile and the advisory data only, without asking the registry')
    .option('--db <file>', 'advisory database (default: $XDG_CACHE_HOME/chainwatch/advisories.db)')
    .addHelpText(
      'after',
      `
For every package \`chainwatch scan\` finds, picks the highest version no advisory covers that every
dependent's range allows and that is older than the release-age policy (policy.minimumReleaseAge);
when the ranges allow none, the last clean version before the affected one (reported as out of
range). Versions come from the registry in your npm configuration, or with --offline from the
lockfile and the advisory data.

It writes the pin where the package manager reads it, in the project root:
  npm   "overrides" in package.json        yarn  "resolutions" in package.json
  bun   "overrides" in package.json        pnpm  "overrides" in pnpm-workspace.yaml (pnpm 10+),
                                                  "pnpm.overrides" in package.json (pnpm 9 and older)
A direct dependency gets its declared version changed instead. Versions are pinned exactly; the
file keeps its indentation, key order and line endings; a second run changes nothing.

Exit codes: 0 every hit has a fix (with --relock: no affected version remains), 1 a hit has no
safe version or (with --relock) affected versions remain, 2 a project file is unreadable,
malformed or read-only (nothing is changed), 3 internal error.

Examples:
  $ chainwatch fix --dry-run                     what would change, as a diff
  $ chainwatch fix --relock                      write the overrides, update the lockfile, check it
  $ chainwatch fix --offline --format json       plan from local data only, machine-readable
  $ chainwatch fix ~/src --relock                every project under ~/src`,
    )
    .action(action(async (ctx, paths: string[], opts: FixFlags) => (await import('./handler.js')).runFix(ctx, paths, opts)));
}
