import validRange from 'semver/ranges/valid.js';
import { why } from '../../../app/index.js';
import { ErrorCodes, ToolError } from '../../../core/index.js';
import { ExitCode } from '../../io.js';
import { progressReporter } from '../../progress.js';
import { writeToolError } from '../../messages/index.js';
import type { CommandHost } from '../../run.js';
import { renderWhyJson, renderWhyText } from './output.js';

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
      action(async (ctx, query: string, paths: string[], opts: { installed?: boolean; maxPaths?: number }) => {
        const { name, range } = parseQuery(query);
        const progress = progressReporter(ctx.io);
        const result = await why({
          name,
          ...(range === undefined ? {} : { range }),
          paths,
          cwd: ctx.io.cwd,
          installed: opts.installed ?? false,
          ignore: ctx.ignore,
          onProgress: progress.onProgress,
          ...(opts.maxPaths === undefined ? {} : { maxPaths: opts.maxPaths }),
        });
        progress.finish();
        ctx.io.stdout.write(
          ctx.format === 'json' ? renderWhyJson(query, name, range, result, ctx.io.cwd) : renderWhyText(query, result, ctx.io.cwd, ctx.style),
        );
        const failures = result.inventory.projects.filter((p) => !p.ok);
        for (const f of failures) if (!f.ok) writeToolError(ctx.io, f.error, ctx.debug);
        if (failures.length) return ExitCode.input;
        return result.matches.length ? ExitCode.ok : ExitCode.findings;
      }),
    );
}

/** `name`, `name@version`, `name@range`, `@scope/name@range`. */
export function parseQuery(query: string): { name: string; range?: string } {
  const at = query.indexOf('@', query.startsWith('@') ? 1 : 0);
  const name = at === -1 ? query : query.slice(0, at);
  const range = at === -1 ? undefined : query.slice(at + 1);
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) {
    throw new ToolError(ErrorCodes.usage, `'${query}' is not a package name`, { hint: 'use name, name@version or name@range, e.g. debug@^4' });
  }
  if (range !== undefined && validRange(range, { loose: true }) === null) {
    throw new ToolError(ErrorCodes.usage, `'${range}' is not a version or semver range`, { hint: 'e.g. 4.4.2, ^4, ">=4 <5"' });
  }
  return range === undefined || range === '' ? { name } : { name, range };
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ToolError(ErrorCodes.usage, `--max-paths: '${value}' is not a positive whole number`);
  return n;
}
