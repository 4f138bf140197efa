import { inventory } from '../../../app/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { writeNothingFound, writeToolError } from '../../messages/index.js';
import { progressReporter } from '../../progress.js';
import { renderInventoryJson, renderInventoryText } from './output.js';

export interface InventoryFlags {
  installed?: boolean;
}

/** The work behind `chainwatch inventory`, loaded only when that command runs. */
export async function runInventory(ctx: CommandContext, paths: string[], opts: InventoryFlags): Promise<ExitCode> {
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
  if (result.projects.length === 0) writeNothingFound(ctx.io, paths, opts.installed ?? false);
  return failures.length || result.projects.length === 0 ? ExitCode.input : ExitCode.ok;
}
