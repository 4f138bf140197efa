import { InvalidArgumentError, Option } from 'commander';
import type { CommandHost } from '../../run.js';
import type { VerifyFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerVerify({ program, action }: CommandHost): void {
  program
    .command('verify')
    .description('check a release against the one before it (or every young release in a lockfile) before you take it')
    .argument('[spec]', 'name@version on your registry')
    .option('--lockfile [path]', 'verify every registry package of this lockfile (or project directory; default .) published in the last --max-age days')
    .option('--max-age <days>', 'with --lockfile: how young a release must be to be verified (default: 14)', days)
    .addOption(new Option('--fail-on <verdict>', 'exit 1 at this verdict or worse (default: malicious)').choices(['malicious', 'suspicious', 'none']))
    .option('--rules <ids>', 'run only these detection rules on the changed files (comma-separated ids)', (v: string) => v.split(',').filter(Boolean))
    .addHelpText(
      'after',
      `
A release is compared with its predecessor: the highest lower version published before it (a
backport 1.2.9 published after 2.0.0 is compared with 1.2.8). The comparison is \`chainwatch diff\`'s:
code and metadata together, with a verdict, a score and the reasons. A first release has nothing
to compare with and is reported as skipped.

With --lockfile, every registry package the lockfile pins that was published within --max-age
days is verified: the check to run before merging a dependency update. A package the registry
cannot answer for is listed with the error, and the others are still checked.

Examples:
  $ chainwatch verify chalk@5.6.1
  $ chainwatch verify --lockfile                    this project's lockfile, releases of the last 14 days
  $ chainwatch verify --lockfile package-lock.json --max-age 30 --fail-on suspicious
  $ chainwatch verify --lockfile --format sarif > verify.sarif`,
    )
    .action(action(async (ctx, spec: string | undefined, opts: VerifyFlags) => (await import('./handler.js')).runVerify(ctx, spec, opts), ['text', 'json', 'sarif']));
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('give a number of days above 0, e.g. 14');
  return n;
}
