import { diffReleases, type Verdict } from '../../../app/index.js';
import { renderDiffJson, renderDiffSarif, renderDiffText, type DiffReport } from '../../../report/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { VERSION } from '../../version.js';

export interface DiffFlags {
  failOn?: 'malicious' | 'suspicious' | 'none';
  rules?: string[];
}

/** The work behind `chainwatch diff`, loaded only when that command runs. */
export async function runDiff(ctx: CommandContext, from: string, to: string, opts: DiffFlags): Promise<ExitCode> {
  const { io } = ctx;
  if (io.stderr.isTTY === true) io.stderr.write(`comparing ${from} with ${to}…`);
  const result = await diffReleases({ from, to, cwd: io.cwd, env: io.env, ...(opts.rules ? { rules: opts.rules } : {}) });
  if (io.stderr.isTTY === true) io.stderr.write('\r\u001b[2K');
  const report: DiffReport = { tool: { name: 'chainwatch', version: VERSION }, diff: result.diff, elapsedMs: Math.round(result.elapsedMs) };
  io.stdout.write(ctx.format === 'json' ? renderDiffJson(report) : ctx.format === 'sarif' ? renderDiffSarif(report) : renderDiffText(report, ctx.style));
  return failsAt(opts.failOn ?? 'malicious', [result.diff.verdict]) ? ExitCode.findings : ExitCode.ok;
}

/** Whether any verdict reaches `failOn`. */
export function failsAt(failOn: 'malicious' | 'suspicious' | 'none', verdicts: readonly Verdict[]): boolean {
  if (failOn === 'none') return false;
  return verdicts.some((v) => v === 'malicious' || (failOn === 'suspicious' && v === 'suspicious'));
}
