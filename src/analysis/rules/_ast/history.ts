import type { AstNode, Visitor } from '../../types.js';
import { sourceKind } from '../../parse.js';
import { JS_KEYS, TS_KEYS, walk } from '../../walk.js';

/**
 * Late analysis with the walk's own view of names. The trackers' tables (static string bindings,
 * module aliases) change as the engine walks the file, and rules read them at the node they are
 * on: under `var t = 'a'` the name `t` is 'a', after a second `var t` it is forgotten. An analysis
 * that costs a lot but matters only once a cheap trigger was seen (a network sink for the secret
 * taint, a DNS lookup of a built name for dns-exfiltration) runs instead on a walk of its own
 * ({@link DeferredWalk}) when the trigger shows up, and each of its handlers sees the tables as
 * they were at its node: the tables keep their history (by clock step) while such an analysis is
 * pending. Same answers; only the few files with the trigger pay for the analysis.
 *
 * One thing a late analysis cannot reproduce: the callee and command-line memos of a file
 * (modules.ts, exec.ts) keep the first answer given for a call. A live analysis that asked about a
 * nested call early (at the statement around it) pinned the answer of that moment; a late one
 * finds the answer pinned when the walk reached the call itself. They differ only if a function
 * written between the two rebinds the call's head name, inside the same expression.
 */
export class Clock {
  /**
   * Steps so far: the declarations, assignments and imports the trackers have processed (the only
   * nodes where the tables change). A replay counts the same nodes to know its moment.
   */
  now = 0;
  /** The moment a replay looks at; undefined: the present. */
  view: number | undefined = undefined;
  /** Whether the tables keep their history (some deferred analysis is running on this file). */
  recording = false;
  /** Whether a visitor steps this clock at every step node (trackers() does): replays can count on it. */
  stepped = false;
  private readonly tables: { startHistory(): void }[] = [];

  /** Called by each table of this clock. */
  register(table: { startHistory(): void }): void {
    this.tables.push(table);
  }

  /** From now on the tables remember their past: call before the walk changes them. */
  startRecording(): void {
    if (this.recording) return;
    this.recording = true;
    for (const t of this.tables) t.startHistory();
  }

  /** Called first in the trackers' handler of each step node: `VariableDeclarator`, `AssignmentExpression`, `ImportDeclaration`. */
  step(): void {
    this.now++;
  }
}

/** A string-keyed table whose past states can be read while its clock is viewing one. */
export class VersionedMap<V> {
  private readonly current = new Map<string, V>();
  /** Contents when recording started: what a view before any recorded change sees. */
  private base: Map<string, V> | undefined;
  /** Every change since, in order: key, moment, value, key, moment, value, … */
  private log: unknown[] = [];
  /** Where each key's changes are in the log, built on the first look at the past (few files get one). */
  private readonly index = new Map<string, number[]>();
  /** How much of the log the index covers (a replay may run while the walk still logs). */
  private indexed = 0;

  constructor(private readonly clock: Clock) {
    clock.register(this);
    if (clock.recording) this.startHistory();
  }

  /** The present contents: what the walk itself sees. */
  has(key: string): boolean {
    return this.current.has(key);
  }

  get(key: string): V | undefined {
    const view = this.clock.view;
    if (view === undefined || this.base === undefined) return this.current.get(key);
    const at = this.positions().get(key);
    const log = this.log;
    if (at === undefined || (log[at[0]! + 1] as number) > view) return this.base.get(key);
    // The last change at or before the moment viewed (moments ascend along the log).
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((log[at[mid]! + 1] as number) <= view) lo = mid;
      else hi = mid - 1;
    }
    return log[at[lo]! + 2] as V;
  }

  set(key: string, value: V): void {
    this.current.set(key, value);
    if (this.clock.recording) this.log.push(key, this.clock.now, value);
  }

  /** The contents so far are what a view before any recorded change sees. */
  startHistory(): void {
    this.base ??= new Map(this.current);
  }

  private positions(): Map<string, number[]> {
    const { index, log } = this;
    for (let i = this.indexed; i < log.length; i += 3) {
      const key = log[i] as string;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    this.indexed = log.length;
    return index;
  }
}

type Handler = (node: AstNode, parent: AstNode | null) => void;

/**
 * An analysis run late: its handlers are not called during the engine's walk but on a walk of its
 * own, over the same tree in the same order (walk.ts), when the analysis turns out to be needed.
 * Each handler sees the tables as of its node: the walk counts the steps of the clock as the
 * engine's walk did. A file without the trigger never pays for the analysis.
 */
export class DeferredWalk {
  /** Whether the nodes before the trigger were handled: from then on, the caller handles nodes as they come. */
  live = false;
  private readonly enter: Record<string, Handler> = {};
  private readonly exit: Record<string, Handler> = {};

  /** `path`: the file's, for the grammar its tree is in (the engine walks JS and TS trees by different keys). */
  constructor(
    private readonly program: AstNode,
    private readonly clock: Clock,
    handlers: Visitor,
    private readonly path: string,
  ) {
    for (const [key, fn] of Object.entries(handlers) as [string, Handler | undefined][]) {
      if (typeof fn !== 'function' || key === 'onText' || key === 'Program:exit') continue;
      const [type, phase] = key.split(':') as [string, string | undefined];
      (phase === 'exit' ? this.exit : this.enter)[type] = fn;
    }
  }

  /**
   * Calls the handlers for every node the engine's walk reached before `at` (the whole file
   * when `at` is undefined), as of each node's moment; then {@link live} is true.
   */
  replay(at?: AstNode): void {
    if (this.live) return;
    this.live = true;
    const { clock, enter, exit } = this;
    const before = clock.view;
    let step = 0;
    let stopped = false;
    try {
      walk(
        this.program,
        {
          enter: (node, parent) => {
            if (stopped) return false;
            if (node === at) {
              stopped = true;
              return false;
            }
            // The step nodes: trackers() steps the clock in its handlers of these three types, and only there.
            const type = node.type;
            if (type === 'VariableDeclarator' || type === 'AssignmentExpression' || type === 'ImportDeclaration') step++;
            const fn = enter[type];
            if (fn) {
              clock.view = step;
              fn(node, parent);
            }
            return true;
          },
          exit: (node, parent) => {
            if (stopped) return;
            clock.view = step;
            exit[node.type]!(node, parent);
          },
          exitTypes: new Set(Object.keys(exit)),
        },
        sourceKind(this.path).language === 'ts' ? TS_KEYS : JS_KEYS,
      );
    } finally {
      clock.view = before;
    }
  }
}
