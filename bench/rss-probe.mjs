// Loaded with `node --import <this file> ...` into every measured Node process: on exit it appends
// the process's peak resident set size (KB) to the file named by CHAINWATCH_BENCH_RSS_FILE. Costs
// one module load; every measured command pays it alike.
//
// On Linux the peak is VmHWM from /proc/self/status, not getrusage's maxRSS: Linux carries maxRSS
// across fork and exec, so a process started by a bench runner that had just built a 600 MB input
// in memory reported the runner's 600 MB as its own peak. VmHWM belongs to the process's own
// memory (worker threads included) from exec on.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

const target = process.env.CHAINWATCH_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const fd = openSync(target, 'a');
    writeSync(fd, `${peakKB()}\n`);
    closeSync(fd);
  });
}

function peakKB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: getrusage is what there is
  }
  return process.resourceUsage().maxRSS;
}
