// Loaded with `node --import <this file> ...` into every measured Node process: on exit it appends
// the process's peak resident set size (KB, from getrusage via process.resourceUsage) to the file
// named by CHAINWATCH_BENCH_RSS_FILE. Costs one module load; every measured command pays it alike.
import { openSync, writeSync, closeSync } from 'node:fs';

const target = process.env.CHAINWATCH_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const fd = openSync(target, 'a');
    writeSync(fd, `${process.resourceUsage().maxRSS}\n`);
    closeSync(fd);
  });
}
