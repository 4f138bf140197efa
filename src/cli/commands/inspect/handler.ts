import { homedir } from 'node:os';
import { defaultResultCachePath, inspect } from '../../../app/index.js';
import type { PackageAnalysis } from '../../../app/index.js';
import type { Severity } from '../../../core/index.js';
import { renderInspectJson, renderInspectSarif, renderInspectText, type InspectReport } from '../../../report/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { VERSION } from '../../version.js';

export interface InspectFlags {
  failOn?: 'malicious' | 'suspicious' | Severity | 'none';
  cache?: boolean;
  rules?: string[];
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The work behind `chainwatch inspect`, loaded only when that command runs. */
export async function runInspect(ctx: CommandContext, targets: string[], opts: InspectFlags): Promise<ExitCode> {
  const { io } = ctx;
  const progress = io.stderr.isTTY === true;
  const result = await inspect({
    env: io.env,
    targets,
    cwd: io.cwd,
    cachePath: opts.cache === false ? null : defaultResultCachePath(io.env, homedir()),
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...(progress ? { onProgress: (done: number, total: number) => io.stderr.write(`\r\u001b[2Kinspecting ${done}/${total}`) } : {}),
  });
  if (progress) io.stderr.write('\r\u001b[2K');
  const count = (v: PackageAnalysis['verdict']) => result.packages.filter((p) => p.verdict === v).length;
  const report: InspectReport = {
    tool: { name: 'chainwatch', version: VERSION },
    packages: result.packages,
    summary: {
      packages: result.packages.length,
      malicious: count('malicious'),
      suspicious: count('suspicious'),
      clean: count('clean'),
      cached: result.cached,
      elapsedMs: Math.round(result.elapsedMs),
    },
  };
  io.stdout.write(ctx.format === 'json' ? renderInspectJson(report) : ctx.format === 'sarif' ? renderInspectSarif(report) : renderInspectText(report, ctx.style));
  return fails(report, opts.failOn ?? 'malicious') ? ExitCode.findings : ExitCode.ok;
}

function fails(report: InspectReport, failOn: NonNullable<InspectFlags['failOn']>): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'malicious') return report.summary.malicious > 0;
  if (failOn === 'suspicious') return report.summary.malicious + report.summary.suspicious > 0;
  const limit = SEVERITIES.indexOf(failOn);
  return report.packages.some((p) => p.findings.some((f) => f.severity !== 'info' && SEVERITIES.indexOf(f.severity) <= limit));
}
