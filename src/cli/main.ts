#!/usr/bin/env node
import { run } from './run.js';

// A reader that stops early (`chainwatch inventory --format json | head`) closes the pipe: that is
// the reader's choice, not an error, so stop quietly as other Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

// The only place that touches the real process: everything else takes a CliIo.
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
