import type { CommandHost } from '../../run.js';
import type { GuardFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export const DB_FLAG = ['--db <file>', 'advisory database (default: $XDG_CACHE_HOME/chainwatch/advisories.db)'] as const;
export const LOG_FLAG = ['--log <file>', 'append every decision to this file as JSON lines'] as const;

export function registerGuard({ program, action }: CommandHost): void {
  program
    .command('guard')
    .description('run npm, pnpm, yarn or bun with known-bad, too-new and unapproved versions hidden from it')
    .argument('<command...>', 'the package-manager command, after --')
    .option(...DB_FLAG)
    .option(...LOG_FLAG)
    .addHelpText(
      'after',
      `
A registry proxy starts on 127.0.0.1 in front of your configured registry, and the command runs
with its registry pointed at it (environment variables only: your .npmrc, .yarnrc.yml and
lockfiles are not touched). The proxy removes from every packument the versions your policy
blocks, so the package manager picks the newest allowed version by itself, and refuses their
tarballs with 403, so a lockfile pinning one fails loudly. The command's output and exit code
are passed through; what was blocked is printed to stderr at the end (JSON with --format json).

Policy (chainwatch.config.json, or the "chainwatch" field of package.json):
  policy.minimumReleaseAge          hide versions younger than this (default "3d")
  policy.minimumReleaseAgeExclude   names or globs the cooldown skips ("@myorg/*")
  policy.installScripts             { "action": "block", "allow": ["esbuild", "sharp@^0.33.0"] }
  known malicious versions (curated incidents, the OSV database) are always blocked

Examples:
  $ chainwatch guard -- npm install
  $ chainwatch guard -- pnpm add left-pad
  $ chainwatch guard --log guard.jsonl -- yarn install --immutable
  $ chainwatch guard -- bun install`,
    )
    .action(action(async (ctx, command: string[], opts: GuardFlags) => (await import('./handler.js')).runGuard(ctx, command, opts)));
}
