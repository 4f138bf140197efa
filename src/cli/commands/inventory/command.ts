import type { CommandHost } from '../../run.js';
import type { InventoryFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs, so `--help`,
// `--version` and the other commands do not pay for loading it.

export function registerInventory({ program, action }: CommandHost): void {
  program
    .command('inventory')
    .description('list every package each project resolves, from its lockfiles (or node_modules)')
    .argument('[paths...]', 'directories to search, or lockfiles', ['.'])
    .option('--installed', 'read installed node_modules trees instead of lockfiles')
    .addHelpText(
      'after',
      `
Finds package-lock.json, npm-shrinkwrap.json, yarn.lock (classic and berry), pnpm-lock.yaml and
bun.lock files under each path (node_modules, .git and symbolic links are skipped) and reads each
into one dependency graph.

Examples:
  $ chainwatch inventory
  $ chainwatch inventory services/ web/package-lock.json
  $ chainwatch inventory --installed --format json > installed.json`,
    )
    .action(
      action(async (ctx, paths: string[], opts: InventoryFlags) => (await import('./handler.js')).runInventory(ctx, paths, opts)),
    );
}
