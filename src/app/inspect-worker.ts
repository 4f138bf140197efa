import { parentPort } from 'node:worker_threads';
import { analyzeDir } from './inspect-engine.js';

// A worker thread of `inspect`: receives a batch of { id, dir, display }, answers with one message
// holding { id, result } or { id, error } for each. Analysis is CPU-bound (parsing and walking); a
// worker per core keeps them all busy, and batches keep small packages from waiting on message
// round trips (and the main thread from handling a message per package).
parentPort?.on('message', (batch: { jobs: { id: number; dir: string; display: string }[]; rules?: string[] }) => {
  parentPort!.postMessage(
    batch.jobs.map((job) => {
      try {
        return { id: job.id, result: analyzeDir(job.dir, job.display, batch.rules) };
      } catch (e) {
        return { id: job.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
      }
    }),
  );
});
