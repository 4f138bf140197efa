import { Worker } from 'node:worker_threads';
import type { PackageAnalysis, PackageInfo } from '../analysis/index.js';
import type { PackagePart } from './inspect-engine.js';

/** A package directory (or a part of one) for a worker to analyze. */
export interface AnalysisJob extends PackagePart {
  dir: string;
  /** The path shown for it. */
  display: string;
  /** The package as already listed (saves the worker listing it again). */
  info?: PackageInfo;
  /** Its source size, when known: small jobs travel together, a big one alone. */
  bytes?: number;
  /** Also answer the digest of the package's files (digestDir): it has twins to check against it. */
  digest?: boolean;
  /** A digest: when the package's files have it, answer "same" instead of analyzing (a twin of a package done). */
  twinOf?: string;
}

export interface RunOptions {
  /** Only these rules (ids); default all. */
  rules?: readonly string[] | undefined;
  /** Called with each job's index in `jobs` and its result (and digest, when asked), in the order they finish. */
  onResult(index: number, result: PackageAnalysis, digest?: string): void;
  /** Called instead for a job whose files have its `twinOf` digest. */
  onSame?(index: number): void;
}

export interface WorkerPoolOptions extends RunOptions {
  /** Worker threads to start (at most one per job). */
  count: number;
}

/** Jobs per message to a worker, at most. */
const BATCH = 16;
/** A batch is closed once its jobs hold this much source. */
const BATCH_BYTES = 256 * 2 ** 10;

/** Worker threads started ahead of the work: they load the engine while the caller lists packages. */
export interface AnalysisPool {
  /** Runs the jobs (see {@link analyzeOnWorkers}); one run at a time. */
  run(jobs: readonly AnalysisJob[], opts: RunOptions): Promise<void>;
  close(): Promise<void>;
}

export function startAnalysisPool(count: number): AnalysisPool {
  const url = new URL('./analysis-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.max(1, count) }, () => new Worker(url));
  return {
    run: (jobs, opts) => runJobs(workers.slice(0, Math.max(1, Math.min(workers.length, jobs.length))), jobs, opts),
    close: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}

/**
 * Hands jobs to worker threads (analysis-worker.ts) in the order given, in small batches, two
 * batches in flight per worker, the next when a worker has answered one: a huge package does not
 * hold up a fixed share of the rest, and a worker starts its next batch while its last answer is
 * on the way. Jobs of known size are batched by size too, so a batch of big jobs is one job.
 */
export async function analyzeOnWorkers(jobs: readonly AnalysisJob[], opts: WorkerPoolOptions): Promise<void> {
  const pool = startAnalysisPool(Math.min(opts.count, jobs.length));
  try {
    await pool.run(jobs, opts);
  } finally {
    await pool.close();
  }
}

async function runJobs(workers: readonly Worker[], jobs: readonly AnalysisJob[], opts: RunOptions): Promise<void> {
  if (jobs.length === 0) return;
  const batch = Math.max(1, Math.min(BATCH, Math.ceil(jobs.length / (workers.length * 4))));
  let next = 0;
  const one = (worker: Worker) =>
    new Promise<void>((resolveAll, reject) => {
      let inFlight = 0;
      const send = () => {
        if (next >= jobs.length) {
          if (inFlight === 0) resolveAll();
          return;
        }
        const ids = [next++];
        let bytes = jobs[ids[0]!]!.bytes ?? 0;
        while (ids.length < batch && next < jobs.length && bytes < BATCH_BYTES) {
          bytes += jobs[next]!.bytes ?? 0;
          ids.push(next++);
        }
        inFlight++;
        worker.postMessage({ jobs: ids.map((id) => message(id, jobs[id]!)), rules: opts.rules });
      };
      const onMessage = (answers: WorkerAnswer[]) => {
        inFlight--;
        for (const m of answers) {
          if (m.error !== undefined) return reject(new Error(`analysis of ${jobs[m.id]!.display} failed: ${m.error}`));
          if (m.same) opts.onSame!(m.id);
          else opts.onResult(m.id, m.result!, m.digest);
        }
        send();
      };
      worker.on('message', onMessage);
      worker.on('error', reject);
      send();
      send();
    }).finally(() => worker.removeAllListeners('message').removeAllListeners('error'));
  await Promise.all(workers.map(one));
}

/** A job as a worker receives it (analysis-worker.ts). */
export type WorkerJob = Omit<AnalysisJob, 'bytes'> & { id: number };

/** A worker's answer to one job. */
export interface WorkerAnswer {
  id: number;
  result?: PackageAnalysis;
  digest?: string;
  /** The files have the job's `twinOf` digest: nothing was analyzed. */
  same?: true;
  error?: string;
}

/** What a worker needs of a job (callers' jobs may carry more). */
function message(id: number, { dir, display, files, manifest, info, digest, twinOf }: AnalysisJob): WorkerJob {
  return { id, dir, display, ...(files ? { files } : {}), ...(manifest === undefined ? {} : { manifest }), ...(info ? { info } : {}), ...(digest ? { digest } : {}), ...(twinOf ? { twinOf } : {}) };
}
