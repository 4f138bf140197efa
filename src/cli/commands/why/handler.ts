import validRange from 'semver/ranges/valid.js';
import { why } from '../../../app/index.js';
import { ErrorCodes, ToolError } from '../../../core/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { writeNothingFound, writeToolError } from '../../messages/index.js';
import { progressReporter } from '../../progress.js';
import { renderWhyJson, renderWhyText } from './output.js';

export interface WhyFlags {
  installed?: boolean;
  maxPaths?: number;
}

/** The work behind `chainwatch why`, loaded only when that command runs. */
export async function runWhy(ctx: CommandContext, query: string, paths: string[], opts: WhyFlags): Promise<ExitCode> {
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
  if (result.inventory.projects.length === 0) writeNothingFound(ctx.io, paths, opts.installed ?? false);
  if (failures.length || result.inventory.projects.length === 0) return ExitCode.input;
  return result.matches.length ? ExitCode.ok : ExitCode.findings;
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
