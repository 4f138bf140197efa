import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { runGuarded } from '../../../app/index.js';
import type { CommandContext } from '../../context.js';
import type { ExitCode } from '../../io.js';
import { renderGateSummaryJson, renderGateSummaryText } from './output.js';

export interface GuardFlags {
  db?: string;
  log?: string;
}

/** The work behind `chainwatch guard`, loaded only when that command runs. */
export async function runGuard(ctx: CommandContext, command: string[], opts: GuardFlags): Promise<ExitCode> {
  const { io } = ctx;
  // The terminal's Ctrl-C reaches the package manager too: let it decide, and report afterwards.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    const result = await runGuarded({
      command,
      cwd: io.cwd,
      env: io.env,
      homedir: homedir(),
      policy: ctx.policy,
      ...(opts.db === undefined ? {} : { dbPath: resolve(io.cwd, opts.db) }),
      ...(opts.log === undefined ? {} : { logFile: resolve(io.cwd, opts.log) }),
      onPinnedMalware: (pins) => {
        for (const p of pins) {
          io.stderr.write(`chainwatch guard: ${ctx.style.red('warning')}: ${p.lockfile} pins ${ctx.style.bold(`${p.name}@${p.version}`)}, known malicious (${p.advisory})\n`);
        }
        if (pins.some((p) => p.bypassesGate)) {
          io.stderr.write(
            `chainwatch guard: not running ${command[0]}: bun and yarn 1 download a pinned tarball from the URL their lockfile records, so the gate cannot refuse it\n` +
              '  update the pin first (`chainwatch scan` shows where it comes from), then run the install again\n',
          );
        } else {
          io.stderr.write('  a package manager installs a tarball it has cached without asking the registry, so the gate may not see it;\n  run `chainwatch scan` to see where it comes from, and update it before installing\n');
        }
      },
    });
    io.stderr.write(ctx.format === 'json' ? renderGateSummaryJson(result.summary) : renderGateSummaryText(result.summary, ctx.style, 'chainwatch guard'));
    // The package manager's verdict is the command's: a blocked version it did without is not a failure.
    return result.exitCode as ExitCode;
  } finally {
    process.off('SIGINT', ignore);
  }
}
