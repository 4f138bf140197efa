#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { run } from './run.js';

// The commands that parse packages spend a good part of each worker's life compiling the parser
// and the rules fresh, and on two cores the optimizing compiler's background threads take time from
// the other worker. Without inlining TurboFan compiles far less; its code is a little slower, but
// four alternating pairs of cold `inspect` runs over 1,323 packages took about 8 % less wall and CPU
// time and less memory. V8 flags are per process, so this is decided here, before anything is
// compiled, and only for those commands: a long-running gate, or a program using chainwatch as a
// library, keeps V8's defaults.
const ANALYZING = new Set(['inspect', 'diff', 'verify']);
if (ANALYZING.has(process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '')) setFlagsFromString('--no-turbo-inlining');

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
