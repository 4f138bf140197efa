import { Worker } from 'node:worker_threads';
import type { PackageAnalysis } from '../analysis/index.js';
import type { PackagePart } from './inspect-engine.js';

/** A package directory (or a part of one) for a worker to analyze. */
export interface AnalysisJob extends PackagePart {
  dir: string;
  /** The path shown for it. */
  display: string;
}

export interface WorkerPoolOptions {
  /** Worker threads to start (at most one per job). */
  count: number;
  /** Only these rules (ids); default all. */
  rules?: readonly string[] | undefined;
  /** Called with each job's index in `jobs` and its result, in the order they finish. */
  onResult(index: number, result: PackageAnalysis): void;
}

/** Jobs per message to a worker, at most. */
const BATCH = 16;

/**
 * Hands jobs to worker threads (analysis-worker.ts) in small batches, two batches in flight per
 * worker, the next when a worker has answered one: a huge package does not hold up a fixed share
 * of the rest, and a worker starts its next batch while its last answer is on the way.
 */
export async function analyzeOnWorkers(jobs: readonly AnalysisJob[], opts: WorkerPoolOptions): Promise<void> {
  const url = new URL('./analysis-worker.js', import.meta.url);
  const batch = Math.max(1, Math.min(BATCH, Math.ceil(jobs.length / (opts.count * 4))));
  let next = 0;
  const one = (worker: Worker) =>
    new Promise<void>((resolveAll, reject) => {
      let inFlight = 0;
      const send = () => {
        if (next >= jobs.length) {
          if (inFlight === 0) resolveAll();
          return;
        }
        const ids = Array.from({ length: Math.min(batch, jobs.length - next) }, () => next++);
        inFlight++;
        worker.postMessage({ jobs: ids.map((id) => message(id, jobs[id]!)), rules: opts.rules });
      };
      worker.on('message', (answers: { id: number; result?: PackageAnalysis; error?: string }[]) => {
        inFlight--;
        for (const m of answers) {
          if (m.error !== undefined) return reject(new Error(`analysis of ${jobs[m.id]!.display} failed: ${m.error}`));
          opts.onResult(m.id, m.result!);
        }
        send();
      });
      worker.on('error', reject);
      send();
      send();
    });
  const pool = Array.from({ length: Math.min(opts.count, jobs.length) }, () => new Worker(url));
  try {
    await Promise.all(pool.map(one));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** What a worker needs of a job (callers' jobs may carry more). */
function message(id: number, { dir, display, files, manifest }: AnalysisJob) {
  return { id, dir, display, ...(files ? { files } : {}), ...(manifest === undefined ? {} : { manifest }) };
}
