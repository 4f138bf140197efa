import { parentPort } from 'node:worker_threads';
import type { PackageInfo } from '../analysis/index.js';
import { analyzeDir, type PackagePart } from './inspect-engine.js';

// A worker thread of the analysis pool (analysis-workers.ts): receives a batch of jobs
// { id, dir, display, files?, manifest?, info? }, answers with one message holding { id, result } or
// { id, error } for each. Analysis is CPU-bound (parsing and walking); a worker per core keeps
// them all busy, and batches keep small packages from waiting on message round trips (and the
// main thread from handling a message per package).
parentPort?.on('message', (batch: { jobs: (PackagePart & { id: number; dir: string; display: string; info?: PackageInfo })[]; rules?: string[] }) => {
  parentPort!.postMessage(
    batch.jobs.map(({ id, dir, display, info, ...part }) => {
      try {
        return { id, result: analyzeDir(dir, display, batch.rules, part, info) };
      } catch (e) {
        return { id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
      }
    }),
  );
});
