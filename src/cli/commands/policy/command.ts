import type { CommandHost } from '../../run.js';
import { DB_FLAG } from '../guard/command.js';
import type { PolicyCheckFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerPolicy({ program, action }: CommandHost): void {
  const policy = program.command('policy').description("the install gate's policy (chainwatch.config.json's \"policy\" key)");
  policy
    .command('check')
    .description('which versions an existing lockfile pins would the install gate block today (nothing is installed)')
    .argument('[path]', 'a lockfile or a project directory (default .)')
    .option(...DB_FLAG)
    .addHelpText(
      'after',
      `
Every registry package of the lockfile is judged as \`chainwatch guard\` would judge it now: known
malicious versions, versions younger than policy.minimumReleaseAge, unapproved install scripts,
and the optional provenance rule. A version no longer on the registry is reported too: that is
how malicious releases are taken down. Exit 1 when anything would be blocked.

Examples:
  $ chainwatch policy check
  $ chainwatch policy check pnpm-lock.yaml --format json`,
    )
    .action(action(async (ctx, path: string | undefined, opts: PolicyCheckFlags) => (await import('./handler.js')).runPolicyCheck(ctx, path, opts)));
}
