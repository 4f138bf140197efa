import { Option } from 'commander';
import type { CommandHost } from '../../run.js';
import type { DiffFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerDiff({ program, action }: CommandHost): void {
  program
    .command('diff')
    .description('what changed between two releases of a package, and whether the change is safe')
    .argument('<from>', 'the older release: name@version from your registry, a .tgz file or a package directory')
    .argument('<to>', 'the newer release, in any of the same forms')
    .addOption(new Option('--fail-on <verdict>', 'exit 1 at this verdict or worse (default: malicious)').choices(['malicious', 'suspicious', 'none']))
    .option('--rules <ids>', 'run only these detection rules on the changed files (comma-separated ids)', (v: string) => v.split(',').filter(Boolean))
    .addHelpText(
      'after',
      `
Compares code and metadata together: files added, removed and changed (with a readable unified
diff, long minified lines cut around the change), the detection engine's findings that are new in
<to>, install scripts, dependencies (young or typo-like names), publisher, maintainers and
provenance, entry points, size and release cadence. The verdict (malicious, suspicious, clean)
comes with a score from 0 to 100 and the reasons behind it.

Releases given as name@version come from the registry in your npm configuration (scoped
registries and tokens as npm uses them), are checked against their published integrity, and are
unpacked with limits; nothing is installed and no script runs.

Examples:
  $ chainwatch diff chalk@5.6.0 chalk@5.6.1
  $ chainwatch diff old.tgz ./new                   a tarball against a working copy
  $ chainwatch diff debug@4.4.1 debug@4.4.2 --format json
  $ chainwatch diff left-pad@1.2.0 left-pad@1.3.0 --fail-on suspicious`,
    )
    .action(action(async (ctx, from: string, to: string, opts: DiffFlags) => (await import('./handler.js')).runDiff(ctx, from, to, opts), ['text', 'json', 'sarif']));
}
