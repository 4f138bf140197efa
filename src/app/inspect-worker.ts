import { parentPort } from 'node:worker_threads';
import { analyzeDir } from './inspect-engine.js';

// A worker thread of `inspect`: receives { id, dir, display }, answers { id, result } or { id, error }.
// Analysis is CPU-bound (parsing and walking); two workers keep both cores busy.
parentPort?.on('message', (job: { id: number; dir: string; display: string; rules?: string[] }) => {
  try {
    parentPort!.postMessage({ id: job.id, result: analyzeDir(job.dir, job.display, job.rules) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
  }
});
