import { InvalidArgumentError } from 'commander';
import type { CommandHost } from '../../run.js';
import { DB_FLAG, LOG_FLAG } from '../guard/command.js';
import type { ProxyFlags } from './handler.js';

// Flags and help only: the implementation is imported when the command runs.

export function registerProxy({ program, action }: CommandHost): void {
  program
    .command('proxy')
    .description('run the install gate as a long-running registry proxy on 127.0.0.1 (for CI runners and teams)')
    .option('--port <n>', 'port to listen on (0: a free one; default 4873)', port)
    .option(...DB_FLAG)
    .option(...LOG_FLAG)
    .addHelpText(
      'after',
      `
The gate of \`chainwatch guard\`, kept running: point your package managers at it and every
install applies your policy. The upstream is your npm configuration's registry (scoped
registries and tokens included); GET /healthz answers 200 while it runs. Blocked versions are
printed to stderr as they happen; Ctrl-C (or SIGTERM) stops it and prints a summary.

Examples:
  $ chainwatch proxy --port 4873 --log gate.jsonl
  $ npm config set registry http://127.0.0.1:4873/      (in the CI job that installs)
  $ curl -s http://127.0.0.1:4873/healthz`,
    )
    .action(action(async (ctx, opts: ProxyFlags) => (await import('./handler.js')).runProxy(ctx, opts)));
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('give a port number from 0 to 65535');
  return n;
}
