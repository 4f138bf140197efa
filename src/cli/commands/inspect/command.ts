import { Option } from 'commander';
import type { CommandHost } from '../../run.js';
import type { InspectFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerInspect({ program, action }: CommandHost): void {
  program
    .command('inspect')
    .description('look inside packages for malicious code: install scripts, wallet hooks, obfuscation, credential theft, exfiltration')
    .argument('<targets...>', 'a package directory, a node_modules directory, a build output folder (dist/, .next/), a .tgz file, or name@version from your registry')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 at this verdict or finding severity (default: malicious)').choices([
        'malicious',
        'suspicious',
        'critical',
        'high',
        'medium',
        'low',
        'none',
      ]),
    )
    .option('--no-cache', 'analyze everything again instead of reusing results for unchanged packages')
    .option('--rules <ids>', 'run only these rules (comma-separated ids)', (v: string) => v.split(',').filter(Boolean))
    .addHelpText(
      'after',
      `
Never runs what it reads: files are parsed, not loaded. Each package gets a verdict (malicious,
suspicious, clean) with the findings and reasons behind it. Results are cached by the package's
files (in $XDG_CACHE_HOME/chainwatch), so a second look at an unchanged tree is quick.

A name@version is fetched from the registry in your npm configuration and checked against its
published integrity; nothing is installed and no script runs. Tarballs are unpacked with limits:
entries that escape the archive, links out of it, device files and decompression bombs are
refused and reported.

Examples:
  $ chainwatch inspect node_modules                 every installed package
  $ chainwatch inspect chalk@5.6.1                  a release, straight from the registry
  $ chainwatch inspect ./some-package-1.0.0.tgz
  $ chainwatch inspect node_modules/chalk --format json
  $ chainwatch inspect dist --format sarif > inspect.sarif`,
    )
    .action(
      action(async (ctx, targets: string[], opts: InspectFlags) => (await import('./handler.js')).runInspect(ctx, targets, opts), ['text', 'json', 'sarif']),
    );
}
