import { displayPath, type Target } from '../app/index.js';
import type { CliIo } from './io.js';

export interface Progress {
  onProgress: ((done: number, total: number, target: Target) => void) | undefined;
  /** Clears the progress line. */
  finish(): void;
}

/**
 * Progress on stderr while projects are read, only when stderr is a terminal and there is more
 * than one project: a single project is fast, and pipes and CI logs get no control characters.
 */
export function progressReporter(io: CliIo): Progress {
  if (io.stderr.isTTY !== true) return { onProgress: undefined, finish() {} };
  let shown = false;
  return {
    onProgress(done, total, target) {
      if (total < 2) return;
      io.stderr.write(`\r\u001b[2K${`reading ${done + 1}/${total} ${displayPath(target.path, io.cwd)}`.slice(0, 120)}`);
      shown = true;
    },
    finish() {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
