import { Worker } from 'node:worker_threads';
import type { PackageAnalysis, PackageInfo } from '../analysis/index.js';
import { JobQueue } from './analysis-plan.js';
import { answerJob, type PackagePart } from './inspect-engine.js';

/** A package directory (or a part of one) for a worker to analyze. */
export interface AnalysisJob extends PackagePart {
  dir: string;
  /** The path shown for it. */
  display: string;
  /** The package as already listed (saves the worker listing it again). */
  info?: PackageInfo;
  /** Its source size, when known: the largest waiting job goes first, and small ones travel together. */
  bytes?: number;
  /** Whether it holds TypeScript: such jobs go to the first worker while it has any to take. */
  typescript?: boolean;
  /**
   * Another directory holding the same package (a twin): when every file is byte for byte the same
   * there, the worker answers "same" instead of analyzing.
   */
  twinOf?: string;
}

export interface RunOptions {
  /** Only these rules (ids); default all. */
  rules?: readonly string[] | undefined;
  /** Called with each job's index (the order it was added in) and its result, in the order they finish. */
  onResult(index: number, result: PackageAnalysis): void;
  /** Called instead for a job whose files are those of its `twinOf` directory. */
  onSame?(index: number): void;
}

export interface PoolOptions {
  /**
   * This thread analyzes too, one job at a time between its other work, once every job is in: on
   * a machine with N cores, N - 1 worker threads and this one keep them all busy, and this thread,
   * whose code is loaded already, needs no start-up of its own.
   */
  here?: boolean;
}

export interface WorkerPoolOptions extends RunOptions, PoolOptions {
  /** Worker threads to start (at most one per job). */
  count: number;
}

/** Jobs per message to a worker, at most. */
const BATCH = 16;
/** A batch is closed once its jobs hold this much source. */
const BATCH_BYTES = 256 * 2 ** 10;
/** Batches a worker has in flight: it starts the next while its last answer is on the way. */
const IN_FLIGHT = 2;

/** Worker threads started ahead of the work: they load the engine while the caller lists packages. */
export interface AnalysisPool {
  /** Starts a run (one at a time): jobs are added while it runs. */
  start(opts: RunOptions): JobStream;
  close(): Promise<void>;
}

export interface JobStream {
  /** Queues a job; its index is the number of jobs added before it. */
  add(job: AnalysisJob): void;
  /** No more jobs: resolves when every job is answered (rejects on the first failure). */
  done(): Promise<void>;
  /** Gives up: nothing more is sent, and this thread takes no more jobs. */
  stop(): void;
}

/** `count` worker threads (at least one unless this thread analyzes too), started now. */
export function startAnalysisPool(count: number, pool: PoolOptions = {}): AnalysisPool {
  const url = new URL('./analysis-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.max(pool.here ? 0 : 1, count) }, () => new Worker(url));
  let current: JobStream | undefined;
  return {
    start: (opts) => (current = stream(workers, opts, pool.here === true)),
    close: async () => {
      current?.stop();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Runs `jobs` on up to `opts.count` fresh worker threads (see {@link stream}). */
export async function analyzeOnWorkers(jobs: readonly AnalysisJob[], opts: WorkerPoolOptions): Promise<void> {
  const pool = startAnalysisPool(Math.min(opts.count, jobs.length), opts);
  try {
    const run = pool.start(opts);
    for (const job of jobs) run.add(job);
    await run.done();
  } finally {
    await pool.close();
  }
}

/**
 * Hands jobs to the workers (analysis-worker.ts) as they come, in small batches, the largest
 * waiting job first, IN_FLIGHT batches per worker, the next when a worker answers one. So a caller
 * can add jobs while it is still finding them and the workers start at once, and a big package
 * found late still goes before the small ones waiting (longest-processing-time first), so no core
 * is left to finish it alone at the end.
 *
 * The first worker asks for the jobs that hold TypeScript, the others for the rest (JobQueue).
 * With `here`, this thread joins once every job is in (done()): until then it is the caller's,
 * finding the jobs, so the largest are known early and go to the workers first. Then it takes the
 * smallest waiting job on each turn of its event loop: a turn stays short, so the workers' answers
 * (and their next batches) are not held up behind it, and the two ends meet in the middle.
 */
function stream(workers: readonly Worker[], opts: RunOptions, here: boolean): JobStream {
  const jobs: AnalysisJob[] = [];
  /** The jobs not yet sent. */
  const waiting = new JobQueue();
  const inFlight = new Map(workers.map((w) => [w, 0]));
  let ended = false;
  let settled = false;
  /** This thread's next turn, while it has one coming. */
  let turn: NodeJS.Immediate | undefined;
  let resolveDone!: () => void;
  let rejectDone!: (e: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // A failure before done() is called is handled there, not reported as unhandled now.
  finished.catch(() => {});
  const size = (id: number) => jobs[id]!.bytes ?? 0;
  const settle = (error?: unknown) => {
    if (settled) return;
    settled = true;
    if (turn) clearImmediate(turn);
    for (const w of workers) w.off('message', listeners.get(w)!.message).off('error', listeners.get(w)!.error);
    if (error === undefined) resolveDone();
    else rejectDone(error);
  };
  const settleIfDone = () => {
    if (ended && waiting.length === 0 && turn === undefined && [...inFlight.values()].every((n) => n === 0)) settle();
  };
  /** Hands answers to the caller; false after a failure (which settles the stream). */
  const deliver = (answers: readonly WorkerAnswer[]): boolean => {
    for (const m of answers) {
      if (m.error !== undefined) {
        settle(new Error(`analysis of ${jobs[m.id]!.display} failed: ${m.error}`));
        return false;
      }
      if (m.same) opts.onSame!(m.id);
      else opts.onResult(m.id, m.result!);
    }
    return true;
  };
  const pump = (worker: Worker) => {
    while (!settled && inFlight.get(worker)! < IN_FLIGHT && waiting.length > 0) {
      const typescript = worker === workers[0];
      const ids = [waiting.take(typescript)!];
      let bytes = size(ids[0]!);
      while (ids.length < BATCH && waiting.length > 0) {
        const id = waiting.take(typescript, BATCH_BYTES - bytes);
        if (id === undefined) break;
        bytes += size(id);
        ids.push(id);
      }
      inFlight.set(worker, inFlight.get(worker)! + 1);
      worker.postMessage({ jobs: ids.map((id) => message(id, jobs[id]!)), rules: opts.rules });
    }
    settleIfDone();
  };
  const pumpHere = () => {
    if (!here || !ended || turn !== undefined || settled || waiting.length === 0) return;
    turn = setImmediate(() => {
      turn = undefined;
      const id = waiting.takeSmallest();
      if (id !== undefined && !deliver([answerJob(message(id, jobs[id]!), opts.rules)])) return;
      pumpHere();
      settleIfDone();
    });
  };
  const pumpAll = () => {
    for (const w of workers) pump(w);
    pumpHere();
    settleIfDone();
  };
  const listeners = new Map(
    workers.map((worker) => [
      worker,
      {
        message: (answers: WorkerAnswer[]) => {
          inFlight.set(worker, inFlight.get(worker)! - 1);
          if (deliver(answers)) pump(worker);
        },
        error: (e: unknown) => settle(e),
      },
    ]),
  );
  for (const [w, l] of listeners) w.on('message', l.message).on('error', l.error);
  return {
    add(job) {
      const id = jobs.push(job) - 1;
      waiting.add(id, size(id), job.typescript === true);
      pumpAll();
    },
    done() {
      ended = true;
      pumpAll();
      return finished;
    },
    stop: () => settle(new Error('the analysis was stopped')),
  };
}

/** A job as a worker receives it (analysis-worker.ts). */
export type WorkerJob = Omit<AnalysisJob, 'bytes'> & { id: number };

/** A worker's answer to one job. */
export interface WorkerAnswer {
  id: number;
  result?: PackageAnalysis;
  /** The files are those of the job's `twinOf` directory: nothing was analyzed. */
  same?: true;
  error?: string;
}

/** What a worker needs of a job (callers' jobs may carry more). */
function message(id: number, { dir, display, files, manifest, info, twinOf }: AnalysisJob): WorkerJob {
  return { id, dir, display, ...(files ? { files } : {}), ...(manifest === undefined ? {} : { manifest }), ...(info ? { info } : {}), ...(twinOf ? { twinOf } : {}) };
}
