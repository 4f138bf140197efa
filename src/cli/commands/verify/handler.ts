import { verifyLockfile, verifyRelease, type VerifiedPackage } from '../../../app/index.js';
import { ErrorCodes, ToolError } from '../../../core/index.js';
import { renderVerifyJson, renderVerifySarif, renderVerifyText, type VerifyReport } from '../../../report/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { VERSION } from '../../version.js';
import { failsAt } from '../diff/handler.js';

export interface VerifyFlags {
  lockfile?: string | true;
  maxAge?: number;
  failOn?: 'malicious' | 'suspicious' | 'none';
  rules?: string[];
}

/** The work behind `chainwatch verify`, loaded only when that command runs. */
export async function runVerify(ctx: CommandContext, spec: string | undefined, opts: VerifyFlags): Promise<ExitCode> {
  const { io } = ctx;
  if ((spec === undefined) === (opts.lockfile === undefined)) {
    throw new ToolError(ErrorCodes.usage, spec === undefined ? 'verify needs a name@version or --lockfile' : 'give either a name@version or --lockfile, not both', {
      hint: 'chainwatch verify chalk@5.6.1, or chainwatch verify --lockfile',
    });
  }
  if (opts.maxAge !== undefined && opts.lockfile === undefined) {
    throw new ToolError(ErrorCodes.usage, '--max-age applies to --lockfile only', { hint: 'chainwatch verify --lockfile --max-age 30' });
  }
  const progress = io.stderr.isTTY === true;
  const rules = opts.rules ? { rules: opts.rules } : {};
  const started = performance.now();
  let report: VerifyReport;
  if (spec !== undefined) {
    if (progress) io.stderr.write(`verifying ${spec}…`);
    const r = await verifyRelease({ spec, cwd: io.cwd, env: io.env, ...rules });
    const result: VerifiedPackage =
      r.diff === null || r.predecessor === null
        ? { name: r.name, version: r.version, skipped: 'first-release' }
        : { name: r.name, version: r.version, diff: r.diff, predecessor: r.predecessor.version };
    report = reportOf({ lockfile: null, maxAgeDays: null, now: new Date().toISOString(), results: [result] }, started);
  } else {
    const path = opts.lockfile === true ? '.' : opts.lockfile!;
    const r = await verifyLockfile({
      path,
      cwd: io.cwd,
      env: io.env,
      ...(opts.maxAge === undefined ? {} : { maxAgeDays: opts.maxAge }),
      ...rules,
      ...(progress ? { onProgress: (done: number, total: number) => io.stderr.write(`\r\u001b[2Kverifying: ${done}/${total} packages looked up`) } : {}),
    });
    report = reportOf({ lockfile: r.lockfile, maxAgeDays: r.maxAgeDays, now: r.now, results: r.results, packages: r.packages }, started);
  }
  if (progress) io.stderr.write('\r\u001b[2K');
  io.stdout.write(ctx.format === 'json' ? renderVerifyJson(report) : ctx.format === 'sarif' ? renderVerifySarif(report) : renderVerifyText(report, ctx.style));
  const verdicts = report.results.flatMap((r) => (r.diff ? [r.diff.verdict] : []));
  if (failsAt(opts.failOn ?? 'malicious', verdicts)) return ExitCode.findings;
  // A package that could not be checked is not a pass: say so in the exit code.
  return report.summary.errors > 0 ? ExitCode.input : ExitCode.ok;
}

function reportOf(r: Omit<VerifyReport, 'tool' | 'summary'> & { packages?: number }, started: number): VerifyReport {
  const count = (v: string) => r.results.filter((x) => x.diff?.verdict === v).length;
  return {
    tool: { name: 'chainwatch', version: VERSION },
    lockfile: r.lockfile,
    maxAgeDays: r.maxAgeDays,
    now: r.now,
    results: r.results,
    summary: {
      packages: r.packages ?? r.results.length,
      checked: r.results.filter((x) => x.diff).length,
      malicious: count('malicious'),
      suspicious: count('suspicious'),
      clean: count('clean'),
      skipped: r.results.filter((x) => x.skipped).length,
      errors: r.results.filter((x) => x.error).length,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}
