import { inventory } from '../../../app/index.js';
import { ExitCode } from '../../io.js';
import type { CommandHost } from '../../run.js';
import { progressReporter } from '../../progress.js';
import { writeToolError } from '../../messages/index.js';
import { renderInventoryJson, renderInventoryText } from './output.js';

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
      action(async (ctx, paths: string[], opts: { installed?: boolean }) => {
        const progress = progressReporter(ctx.io);
        const result = await inventory({
          paths,
          cwd: ctx.io.cwd,
          installed: opts.installed ?? false,
          ignore: ctx.ignore,
          onProgress: progress.onProgress,
        });
        progress.finish();
        const out = ctx.format === 'json' ? renderInventoryJson(result, ctx.io.cwd) : renderInventoryText(result, ctx.io.cwd, ctx.style);
        ctx.io.stdout.write(out);
        const failures = result.projects.filter((p) => !p.ok);
        for (const f of failures) if (!f.ok) writeToolError(ctx.io, f.error, ctx.debug);
        if (result.projects.length === 0) {
          ctx.io.stderr.write(`chainwatch: no lockfiles found under ${paths.join(', ')}\nhint: ${opts.installed ? 'install the project first' : 'run your package manager to write a lockfile, or pass --installed to read node_modules'}\n`);
        }
        return failures.length ? ExitCode.input : ExitCode.ok;
      }),
    );
}
