import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { advisoryDbStatus, defaultAdvisoryDbPath, updateAdvisoryDb, type UpdateProgress } from '../../../app/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode, type CliIo } from '../../io.js';
import { renderStatusJson, renderStatusText, renderUpdateJson, renderUpdateText, progressLine } from './output.js';

export interface DbUpdateFlags {
  source?: string;
  db?: string;
  timeout?: number;
}

export interface DbStatusFlags {
  db?: string;
}

/** `--db`, resolved against the working directory, else the per-user cache location. */
function dbPathOf(ctx: CommandContext, flag: string | undefined): string {
  if (flag) return resolve(ctx.io.cwd, flag);
  return defaultAdvisoryDbPath(ctx.io.env, ctx.io.env.HOME || homedir());
}

export async function runDbUpdate(ctx: CommandContext, opts: DbUpdateFlags): Promise<ExitCode> {
  const dbPath = dbPathOf(ctx, opts.db);
  const progress = progressWriter(ctx.io);
  // Ctrl-C (or a TERM from a supervisor) stops the update cleanly: the temporary files go and the
  // old database stays. A second Ctrl-C finds no handler and ends the process at once.
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await updateAdvisoryDb({
      dbPath,
      cwd: ctx.io.cwd,
      signal: controller.signal,
      onProgress: progress.update,
      ...(opts.source ? { source: opts.source } : {}),
      ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
    });
    progress.finish();
    ctx.io.stdout.write(ctx.format === 'json' ? renderUpdateJson(result) : renderUpdateText(result, ctx.style));
    return ExitCode.ok;
  } finally {
    progress.finish();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export async function runDbStatus(ctx: CommandContext, opts: DbStatusFlags): Promise<ExitCode> {
  const status = await advisoryDbStatus({ dbPath: dbPathOf(ctx, opts.db) });
  ctx.io.stdout.write(ctx.format === 'json' ? renderStatusJson(status) : renderStatusText(status, ctx.style));
  return ExitCode.ok;
}

/** One self-overwriting line on a terminal stderr, at most ten times a second; nothing on a pipe. */
function progressWriter(io: CliIo): { update: ((p: UpdateProgress) => void) | undefined; finish(): void } {
  if (io.stderr.isTTY !== true) return { update: undefined, finish() {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      io.stderr.write(`\r\u001b[2K${progressLine(p).slice(0, 120)}`);
      shown = true;
    },
    finish() {
      if (shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}
