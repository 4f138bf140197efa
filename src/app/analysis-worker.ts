import { parentPort } from 'node:worker_threads';
import type { WorkerJob } from './analysis-workers.js';
import { answerJob } from './inspect-engine.js';

// A worker thread of the analysis pool (analysis-workers.ts): receives a batch of jobs, answers
// with one message holding an answer for each. Analysis is CPU-bound (parsing and walking); a
// worker per core keeps them all busy, and batches keep small packages from waiting on message
// round trips (and the main thread from handling a message per package).
parentPort?.on('message', (batch: { jobs: WorkerJob[]; rules?: string[] }) => {
  parentPort!.postMessage(batch.jobs.map((job) => answerJob(job, batch.rules)));
});
