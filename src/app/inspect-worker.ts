import { parentPort } from 'node:worker_threads';
import { analyzeDir } from './inspect-engine.js';

// A worker thread of `inspect`: receives a batch of { id, dir, display }, answers each with
// { id, result } or { id, error }. Analysis is CPU-bound (parsing and walking); a worker per core
// keeps them all busy, and batches keep small packages from waiting on message round trips.
parentPort?.on('message', (batch: { jobs: { id: number; dir: string; display: string }[]; rules?: string[] }) => {
  for (const job of batch.jobs) {
    try {
      parentPort!.postMessage({ id: job.id, result: analyzeDir(job.dir, job.display, batch.rules) });
    } catch (e) {
      parentPort!.postMessage({ id: job.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }
});
