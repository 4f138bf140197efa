import { parentPort } from 'node:worker_threads';
import type { WorkerAnswer, WorkerJob } from './analysis-workers.js';
import { analyzeDir, digestDir } from './inspect-engine.js';
import { readPackageDir } from './package-dirs.js';

// A worker thread of the analysis pool (analysis-workers.ts): receives a batch of jobs, answers
// with one message holding an answer for each. Analysis is CPU-bound (parsing and walking); a
// worker per core keeps them all busy, and batches keep small packages from waiting on message
// round trips (and the main thread from handling a message per package).
parentPort?.on('message', (batch: { jobs: WorkerJob[]; rules?: string[] }) => {
  parentPort!.postMessage(batch.jobs.map((job) => answer(job, batch.rules)));
});

function answer({ id, dir, display, info: listed, twinOf, ...part }: WorkerJob, rules: string[] | undefined): WorkerAnswer {
  try {
    const info = listed ?? readPackageDir(dir, { fingerprint: false }).info;
    if (twinOf !== undefined && digestDir(dir, info.files) === digestDir(twinOf, info.files)) return { id, same: true };
    return { id, result: analyzeDir(dir, display, rules, part, info) };
  } catch (e) {
    return { id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}
