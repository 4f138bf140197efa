/**
 * Runs async tasks with at most `max` in flight; tasks may add more. Last in, first out, so a
 * depth-first walk of a large tree (a node_modules, a package-manager cache) keeps the queue
 * short. `idle()` settles when every task is done, rejecting with the first error a task let
 * through (a bug: expected failures are recorded as diagnostics by the tasks themselves).
 */
export class TaskPool {
  private readonly queue: (() => Promise<void>)[] = [];
  private active = 0;
  private failure: { error: unknown } | undefined;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly max: number) {}

  add(task: () => Promise<void>): void {
    this.queue.push(task);
    this.pump();
  }

  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return this.failure ? Promise.reject(this.failure.error) : Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private pump(): void {
    while (this.active < this.max && this.queue.length > 0) {
      const task = this.queue.pop()!;
      this.active++;
      task()
        .catch((error: unknown) => {
          this.failure ??= { error };
        })
        .finally(() => {
          this.active--;
          this.pump();
          if (this.active === 0 && this.queue.length === 0) this.wake();
        });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (this.failure) w.reject(this.failure.error);
      else w.resolve();
    }
  }
}
