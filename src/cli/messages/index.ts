import type { ToolError } from '../../core/index.js';
import type { CliIo } from '../io.js';

/** User-facing prose that is not specific to one command, in one place. */

export function internalError(message: string, version: string): string {
  return (
    `chainwatch: internal error: ${message}\n` +
    `This is a bug in chainwatch ${version}, not a problem with your project. Please report it on the\n` +
    `chainwatch issue tracker with the command you ran and its output with --debug.\n`
  );
}

/** One line for the error, one for the hint, and the stack only when asked for with --debug. */
export function writeToolError(io: CliIo, error: Pick<ToolError, 'message' | 'hint' | 'stack'>, debug: boolean): void {
  io.stderr.write(`chainwatch: error: ${error.message}\n` + (error.hint ? `hint: ${error.hint}\n` : ''));
  if (debug && error.stack) io.stderr.write(error.stack + '\n');
}

/**
 * Nothing to read is an input error, not a clean result: a security check that silently passes
 * because the lockfile is missing or in a format it skipped is worse than one that fails.
 */
export function writeNothingFound(io: CliIo, paths: readonly string[], installed: boolean): void {
  io.stderr.write(
    `chainwatch: error: no ${installed ? 'node_modules directories' : 'lockfiles'} found under ${paths.join(', ')}\n` +
      `hint: ${installed ? 'install the project first, or drop --installed to read its lockfile' : 'run your package manager to write a lockfile, or pass --installed to read node_modules'}\n`,
  );
}
