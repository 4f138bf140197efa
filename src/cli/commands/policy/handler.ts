import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { checkPolicy, type PolicyCheckResult } from '../../../app/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode, type Style } from '../../io.js';

export interface PolicyCheckFlags {
  db?: string;
}

/** The work behind `chainwatch policy check`, loaded only when that command runs. */
export async function runPolicyCheck(ctx: CommandContext, path: string | undefined, opts: PolicyCheckFlags): Promise<ExitCode> {
  const { io } = ctx;
  const progress = io.stderr.isTTY === true;
  const result = await checkPolicy({
    path: path ?? '.',
    cwd: io.cwd,
    env: io.env,
    homedir: homedir(),
    policy: ctx.policy,
    ...(opts.db === undefined ? {} : { dbPath: resolve(io.cwd, opts.db) }),
    ...(progress ? { onProgress: (done: number, total: number) => io.stderr.write(`\r\u001b[2Kpolicy check: ${done}/${total} packages looked up`) } : {}),
  });
  if (progress) io.stderr.write('\r\u001b[2K');
  io.stdout.write(ctx.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderText(result, ctx.style));
  if (result.summary.blocked > 0) return ExitCode.findings;
  return result.summary.errors > 0 ? ExitCode.input : ExitCode.ok;
}

function renderText(result: PolicyCheckResult, style: Style): string {
  const lines = result.results.map((r) => {
    const label = r.action === 'block' ? style.red('would block') : r.action === 'warn' ? style.yellow('would warn ') : style.dim('ok         ');
    const why = r.reasons.map((x) => `${x.rule}: ${x.message}`).join('; ');
    return `${label} ${style.bold(`${r.name}@${r.version}`)}${why ? `: ${why}` : ''}${r.error ? style.dim(` (registry not asked: ${r.error})`) : ''}`;
  });
  const { blocked, warned, errors } = result.summary;
  lines.push(
    `${result.lockfile}: ${result.packages} registry package${result.packages === 1 ? '' : 's'} checked; ${blocked} would be blocked, ${warned} warned about` +
      (errors > 0 ? `, ${errors} could not be looked up on the registry` : ''),
  );
  if (blocked > 0) lines.push(style.dim('install through `chainwatch guard -- <npm|pnpm|yarn|bun> install` to get allowed versions instead'));
  return lines.join('\n') + '\n';
}
