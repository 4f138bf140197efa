import { createRequire } from 'node:module';
import type satisfiesFn from 'semver/functions/satisfies.js';
import type validRangeFn from 'semver/ranges/valid.js';
import type { DependencyPath, Edge, Importer, PackageGraph, PkgNode, Vertex } from './types.js';

/**
 * semver is loaded on the first range query: even its subpath modules cost more at startup than
 * reading a small lockfile, and only `why` and matching need ranges.
 */
const load = createRequire(import.meta.url);
let semverFns: { satisfies: typeof satisfiesFn; validRange: typeof validRangeFn } | undefined;
function semver() {
  return (semverFns ??= { satisfies: load('semver/functions/satisfies'), validRange: load('semver/ranges/valid') });
}

/** Nodes named `name` (real name, or alias when `includeAliases`), optionally filtered by version or range. */
export function findPackages(
  graph: PackageGraph,
  name: string,
  range?: string,
  opts: { includeAliases?: boolean } = {},
): PkgNode[] {
  const candidates = opts.includeAliases ? [...new Set([...graph.byName(name), ...graph.byAlias(name)])] : [...graph.byName(name)];
  if (range === undefined || range === '' || range === '*') return candidates;
  // Not a range (a git spec, 'link:./dir'): compare as written. Versions that are not semver never satisfy a range.
  const { satisfies, validRange } = semver();
  if (validRange(range, { loose: true }) === null) return candidates.filter((n) => n.version === range);
  return candidates.filter((n) => n.version === range || satisfies(n.version, range, { includePrerelease: true, loose: true }));
}

/** True when an importer (root or workspace) declares the node itself. */
export function isDirect(graph: PackageGraph, node: PkgNode): boolean {
  return graph.edgesIn(node).some((e) => e.from.kind === 'importer');
}

/** The importers from which the node is reachable. */
export function importersOf(graph: PackageGraph, node: PkgNode): Importer[] {
  const found = new Set<Importer>();
  const seen = new Set<Vertex>([node]);
  const stack: Vertex[] = [node];
  while (stack.length) {
    for (const e of graph.edgesIn(stack.pop()!)) {
      if (seen.has(e.from)) continue;
      seen.add(e.from);
      if (e.from.kind === 'importer') found.add(e.from);
      else stack.push(e.from);
    }
  }
  return graph.importers.filter((i) => found.has(i));
}

/**
 * Every acyclic path from an importer to `node`, shortest first. A best-first search from the
 * target up through dependents, guided by each vertex's exact distance from the nearest importer,
 * so each next-shortest path costs about its own length to find even where the number of paths
 * is exponential (ties go to the longer partial path, which is nearer completion). `limit` caps the paths returned; `budget` the partial paths explored.
 */
export function pathsTo(graph: PackageGraph, node: PkgNode, limit = Infinity, budget = 200_000): DependencyPath[] {
  interface Partial { edge: Edge; next: Partial | undefined; len: number; cost: number; seq: number }
  const dist = distancesFromImporters(graph);
  const heap = new MinHeap<Partial>((a, b) => a.cost - b.cost || b.len - a.len || a.seq - b.seq);
  let seq = 0;
  const offer = (edge: Edge, next: Partial | undefined) => {
    const len = (next?.len ?? 0) + 1;
    const d = dist.get(edge.from);
    if (d !== undefined) heap.push({ edge, next, len, cost: len + d, seq: seq++ });
  };
  for (const edge of graph.edgesIn(node)) offer(edge, undefined);

  const results: DependencyPath[] = [];
  for (let explored = 0; heap.size && results.length < limit && explored < budget; explored++) {
    const p = heap.pop()!;
    const head = p.edge.from;
    if (head.kind === 'importer') {
      results.push(unroll(p));
      continue;
    }
    for (const edge of graph.edgesIn(head)) if (edge.from !== node && !onPath(p, edge.from)) offer(edge, p);
  }
  return results;

  function onPath(p: Partial | undefined, v: Vertex): boolean {
    for (let q = p; q; q = q.next) if (q.edge.from === v) return true;
    return false;
  }
  function unroll(p: Partial): DependencyPath {
    const edges: Edge[] = [];
    for (let q: Partial | undefined = p; q; q = q.next) edges.push(q.edge);
    return edges;
  }
}

/** A graph does not change once built: path queries for many packages share one BFS. */
const distanceCache = new WeakMap<PackageGraph, Map<Vertex, number>>();

/** Edges on the shortest walk from any importer to each reachable vertex (importers are 0). */
function distancesFromImporters(graph: PackageGraph): Map<Vertex, number> {
  let dist = distanceCache.get(graph);
  if (dist) return dist;
  dist = new Map<Vertex, number>(graph.importers.map((i) => [i, 0]));
  distanceCache.set(graph, dist);
  let frontier: Vertex[] = [...graph.importers];
  for (let d = 1; frontier.length; d++) {
    const next: Vertex[] = [];
    for (const v of frontier)
      for (const e of graph.edgesOut(v))
        if (e.to && !dist.has(e.to)) {
          dist.set(e.to, d);
          next.push(e.to);
        }
    frontier = next;
  }
  return dist;
}

class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.less(a[i]!, a[parent]!) >= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
