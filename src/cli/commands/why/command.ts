import { ErrorCodes, ToolError } from '../../../core/index.js';
import type { CommandHost } from '../../run.js';
import type { WhyFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.
export function registerWhy({ program, action }: CommandHost): void {
  program
    .command('why')
    .description('show every dependency path that brings a package in, shortest first')
    .argument('<package>', 'a package name, optionally with a version or range: debug, debug@4.4.2, @scope/pkg@^1')
    .argument('[paths...]', 'directories to search, or lockfiles', ['.'])
    .option('--installed', 'read installed node_modules trees instead of lockfiles')
    .option('--max-paths <n>', 'show at most n paths per package instance', parsePositiveInt)
    .addHelpText(
      'after',
      `
Each path starts at an importer (the root project or a workspace) and shows the declared range at
every hop. Alias installs are found by their real name and by the alias. Exits 1 when no project
has the package.

Examples:
  $ chainwatch why chalk
  $ chainwatch why debug@4.4.2 ~/src/web
  $ chainwatch why 'strip-ansi@>=7' --max-paths 3 --format json`,
    )
    .action(
      action(async (ctx, query: string, paths: string[], opts: WhyFlags) => (await import('./handler.js')).runWhy(ctx, query, paths, opts)),
    );
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ToolError(ErrorCodes.usage, `--max-paths: '${value}' is not a positive whole number`);
  return n;
}
