import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { defaultResultCachePath, failsThreshold, openAdvisorySources, scan } from '../../../app/index.js';
import type { Severity } from '../../../core/index.js';
import { reporters } from '../../../report/index.js';
import type { CommandContext } from '../../context.js';
import { ExitCode } from '../../io.js';
import { writeNothingFound, writeToolError } from '../../messages/index.js';
import { progressReporter } from '../../progress.js';
import { VERSION } from '../../version.js';

export interface ScanFlags {
  installed?: boolean;
  allPaths?: boolean;
  failOn?: Severity | 'none';
  caches?: boolean;
  db?: string;
  deep?: boolean;
}

/** The work behind `chainwatch scan`, loaded only when that command runs. */
export async function runScan(ctx: CommandContext, paths: string[], opts: ScanFlags): Promise<ExitCode> {
  const { io } = ctx;
  const sources = openAdvisorySources({ dbPath: opts.db === undefined ? undefined : resolve(io.cwd, opts.db), env: io.env, homedir: homedir() });
  try {
    const progress = progressReporter(io);
    const report = await scan({
      paths,
      cwd: io.cwd,
      installed: opts.installed ?? false,
      ignore: ctx.ignore,
      indexes: sources.indexes,
      advisoryData: sources.status,
      allPaths: opts.allPaths ?? false,
      ...(opts.deep ? { deep: { cachePath: defaultResultCachePath(io.env, homedir()) } } : {}),
      ...(opts.caches ? { caches: { env: io.env, homedir: homedir(), platform: process.platform, ...(process.getuid ? { uid: process.getuid() } : {}) } } : {}),
      tool: { name: 'chainwatch', version: VERSION },
      onProgress: progress.onProgress,
    });
    progress.finish();
    io.stdout.write(reporters[ctx.format].render(report, { style: ctx.style }));
    for (const p of report.projects) {
      if (p.error) writeToolError(io, { message: p.error.message, hint: p.error.hint ?? undefined }, ctx.debug);
    }
    if (report.projects.length === 0 && !opts.caches) {
      writeNothingFound(io, paths, opts.installed ?? false);
      return ExitCode.input;
    }
    // Findings outrank a broken lockfile elsewhere: both fail, and the findings are the news.
    if (failsThreshold(report, opts.failOn ?? 'malicious')) return ExitCode.findings;
    return report.summary.errors > 0 ? ExitCode.input : ExitCode.ok;
  } finally {
    sources.close();
  }
}
