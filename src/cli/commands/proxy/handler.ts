import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { openGate, type GateEvent } from '../../../app/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode, type Style } from '../../io.js';
import { renderGateSummaryJson, renderGateSummaryText } from '../guard/output.js';

export interface ProxyFlags {
  port?: number;
  db?: string;
  log?: string;
}

const DEFAULT_PORT = 4873;

/** The work behind `chainwatch proxy`, loaded only when that command runs: serves until a signal. */
export async function runProxy(ctx: CommandContext, opts: ProxyFlags): Promise<ExitCode> {
  const { io } = ctx;
  const opened = await openGate({
    cwd: io.cwd,
    env: io.env,
    homedir: homedir(),
    policy: ctx.policy,
    port: opts.port ?? DEFAULT_PORT,
    health: true,
    ...(opts.db === undefined ? {} : { dbPath: resolve(io.cwd, opts.db) }),
    ...(opts.log === undefined ? {} : { logFile: resolve(io.cwd, opts.log) }),
    onEvent: (event) => {
      const line = eventLine(event, ctx.style);
      if (line) io.stderr.write(`${line}\n`);
    },
  });
  io.stderr.write(`chainwatch proxy listening on ${opened.gate.url} (upstream ${opened.upstream})\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await opened.close();
  const summary = opened.summary();
  if (ctx.format === 'json') io.stdout.write(renderGateSummaryJson(summary));
  else io.stderr.write(renderGateSummaryText(summary, ctx.style, 'chainwatch proxy'));
  return ExitCode.ok;
}

/** One stderr line per thing an operator should see as it happens. */
function eventLine(event: GateEvent, style: Style): string | undefined {
  const why = (reasons: { rule: string; message: string }[]) => reasons.map((r) => `${r.rule}: ${r.message}`).join('; ');
  if (event.type === 'tarball' && event.action === 'block') return `${style.red('refused')} ${event.name}@${event.version}: ${why(event.reasons)}`;
  if (event.type === 'packument' && event.blocked.length > 0) {
    return `${style.yellow('hidden')} ${event.name}: ${event.blocked.length} of ${event.versions} versions (${why(event.blocked.at(-1)!.reasons)})`;
  }
  if (event.type === 'upstream-error' && event.status >= 500) return `${style.dim('upstream')} ${event.method} ${event.path}: HTTP ${event.status} ${event.message}`;
  return undefined;
}
