import type { Style } from '../report/index.js';
/** Everything the CLI touches of the outside world, injected so tests run it in-process. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The process exit codes chainwatch promises (README, "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** Findings at or above --fail-on; for `why`: the package is not in any project. */
  findings: 1,
  /** Usage, input or configuration error. */
  input: 2,
  /** A bug in chainwatch. */
  internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The colour helpers every renderer takes; the scan reporters in report/ define it. */
export type { Style } from '../report/index.js';

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function createStyle(enabled: boolean): Style {
  if (!enabled) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** Colour only on a terminal, never with NO_COLOR set (https://no-color.org), unless forced by --color. */
export function colorEnabled(io: CliIo, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.env.TERM !== 'dumb';
}
