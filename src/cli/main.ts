#!/usr/bin/env node
import { run } from './run.js';

// The only place that touches the real process: everything else takes a CliIo.
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
