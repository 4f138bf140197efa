import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fix, openAdvisorySources, type FixResult } from '../../../app/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { writeNothingFound, writeToolError } from '../../messages/index.js';
import { renderFixJson, renderFixText } from './output.js';

export interface FixFlags {
  dryRun?: boolean;
  relock?: boolean;
  offline?: boolean;
  db?: string;
}

/** The work behind `chainwatch fix`, loaded only when that command runs. */
export async function runFix(ctx: CommandContext, paths: string[], opts: FixFlags): Promise<ExitCode> {
  const { io } = ctx;
  const sources = openAdvisorySources({ dbPath: opts.db === undefined ? undefined : resolve(io.cwd, opts.db), env: io.env, homedir: homedir() });
  // Relocking runs a package manager per project, which takes a while: say which, on a terminal.
  const progress = io.stderr.isTTY === true;
  try {
    const result = await fix({
      paths,
      cwd: io.cwd,
      env: io.env,
      ignore: ctx.ignore,
      indexes: sources.indexes,
      policy: ctx.policy,
      offline: opts.offline ?? false,
      dryRun: opts.dryRun ?? false,
      relock: opts.relock ?? false,
      ...(progress ? { onProgress: (message: string) => io.stderr.write(`\r\u001b[2K${message.slice(0, 120)}`) } : {}),
    });
    if (progress) io.stderr.write('\r\u001b[2K');
    io.stdout.write(ctx.format === 'json' ? renderFixJson(result, sources.status) : renderFixText(result, ctx.style));
    for (const p of result.projects) {
      if (p.error) writeToolError(io, { message: p.error.message, hint: p.error.hint ?? undefined }, ctx.debug);
    }
    if (result.projects.length === 0) {
      writeNothingFound(io, paths, false);
      return ExitCode.input;
    }
    return exitCode(result);
  } finally {
    sources.close();
  }
}

/**
 * 1 when something affected is left: a hit without a safe version, or (after --relock) an
 * affected version still in a lockfile or a package manager that failed; 2 for an unreadable
 * lockfile; otherwise 0.
 */
function exitCode(result: FixResult): ExitCode {
  if (result.summary.unfixable > 0) return ExitCode.findings;
  if (result.projects.some((p) => p.relock && (p.relock.remaining.length > 0 || p.relock.exitCode !== 0))) return ExitCode.findings;
  return result.projects.some((p) => p.error) ? ExitCode.input : ExitCode.ok;
}
