import type { Diagnostic, EdgeType, PackageManager } from '../core/index.js';
import type { Edge, Importer, PackageGraph, PkgNode, Vertex } from './types.js';

/** The reader-independent input of the builder; structurally the readers' RawGraph. */
export interface GraphInput {
  manager: PackageManager;
  formatVersion: string;
  importers: { key: string; path: string; name?: string; version?: string }[];
  packages: {
    key: string;
    name: string;
    version: string;
    source: PkgNode['source'];
    resolved?: string;
    integrity?: string;
    bundled?: boolean;
    hasInstallScript?: boolean;
    location?: PkgNode['location'];
  }[];
  edges: { from: string; to: string | null; name: string; spec: string; type: EdgeType }[];
}

type MutablePkgNode = { -readonly [K in keyof PkgNode]: PkgNode[K] };
type MutableEdge = { -readonly [K in keyof Edge]: Edge[K] };

const EMPTY: readonly Edge[] = Object.freeze([]);

/**
 * Builds the one normalized graph every reader feeds. The only place that derives flags:
 * dev, optional and peer come from reachability (as npm's calcDepFlags does), so every
 * format answers "is this dev-only?" the same way, whatever its lockfile records.
 *
 * Vertices get dense numeric ids and adjacency lives in arrays indexed by them: this runs over
 * every package of lockfiles with tens of thousands, and Map/Set lookups by object dominated it.
 */
export function buildGraph(input: GraphInput): { graph: PackageGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ids = new Map<string, number>();
  const vertices: (Importer | MutablePkgNode)[] = [];
  const importers: Importer[] = [];

  for (const imp of input.importers) {
    if (ids.has(imp.key)) {
      diagnostics.push(dup(imp.key));
      continue;
    }
    const v: Importer = { kind: 'importer', key: imp.key, path: imp.path, name: imp.name, version: imp.version };
    ids.set(imp.key, vertices.length);
    vertices.push(v);
    importers.push(v);
  }
  for (const p of input.packages) {
    if (ids.has(p.key)) {
      diagnostics.push(dup(p.key));
      continue;
    }
    ids.set(p.key, vertices.length);
    vertices.push({
      kind: 'package',
      key: p.key,
      name: p.name,
      version: p.version,
      source: p.source,
      resolved: p.resolved,
      integrity: p.integrity,
      aliases: [],
      dev: false,
      optional: false,
      peer: false,
      bundled: p.bundled ?? false,
      hasInstallScript: p.hasInstallScript ?? false,
      extraneous: true,
      location: p.location,
    });
  }

  const out: (MutableEdge[] | undefined)[] = new Array(vertices.length);
  const outIds: (number[] | undefined)[] = new Array(vertices.length);
  // Readers emit a dependent's edges together: one lookup per dependent, not per edge.
  let lastFrom: string | undefined;
  let lastFromId: number | undefined;
  for (const e of input.edges) {
    const fromId = e.from === lastFrom ? lastFromId : ids.get(e.from);
    lastFrom = e.from;
    lastFromId = fromId;
    if (fromId === undefined) {
      diagnostics.push({ code: 'graph/unknown-dependent', severity: 'warning', message: `edge ${e.name}@${e.spec} from unknown entry ${e.from} ignored` });
      continue;
    }
    let toId = -1;
    if (e.to !== null) {
      toId = ids.get(e.to) ?? -1;
      if (toId === -1) diagnostics.push({ code: 'graph/unknown-dependency', severity: 'warning', message: `${e.from} depends on ${e.name} at ${e.to}, which the lockfile does not contain` });
    }
    const to = toId === -1 ? null : vertices[toId]!;
    const edge: MutableEdge = { from: vertices[fromId]!, to, name: e.name, spec: e.spec, type: e.type, problem: undefined };
    if (to === null && e.type !== 'optional' && e.type !== 'peerOptional') edge.problem = 'MISSING';
    (out[fromId] ??= []).push(edge);
    (outIds[fromId] ??= []).push(toId);
    if (to !== null && to.kind === 'package' && e.name !== to.name && !to.aliases.includes(e.name)) (to.aliases as string[]).push(e.name);
  }

  markFlags(vertices, importers.length, out, outIds);

  // Keys are unique and their strings are the vertices' own, so this lookup is cheap; no second map.
  const idOf = (v: Vertex): number => {
    const id = ids.get(v.key);
    return id !== undefined && vertices[id] === v ? id : -1;
  };
  // Incoming edges are only needed by path queries, not by an inventory: built on first use.
  let inn: (Edge[] | undefined)[] | undefined;
  const incoming = () => {
    if (inn) return inn;
    inn = new Array(vertices.length);
    for (const edges of out) for (const e of edges ?? EMPTY) if (e.to) (inn[idOf(e.to)] ??= []).push(e);
    return inn;
  };
  for (const v of vertices) if (v.kind === 'package' && v.aliases.length > 1) (v.aliases as string[]).sort();
  // Name lookups serve queries (why, scan), not an inventory: built on first use.
  let names: { byName: Map<string, PkgNode[]>; byAlias: Map<string, PkgNode[]> } | undefined;
  const nameIndex = () => {
    if (names) return names;
    names = { byName: new Map(), byAlias: new Map() };
    for (const v of vertices) {
      if (v.kind !== 'package') continue;
      push(names.byName, v.name, v);
      for (const a of v.aliases) push(names.byAlias, a, v);
    }
    return names;
  };

  const graph: PackageGraph = {
    manager: input.manager,
    formatVersion: input.formatVersion,
    importers,
    *nodes() {
      for (let i = importers.length; i < vertices.length; i++) yield vertices[i] as PkgNode;
    },
    get: (key) => {
      const id = ids.get(key);
      return id === undefined ? undefined : vertices[id];
    },
    byName: (name) => nameIndex().byName.get(name) ?? [],
    byAlias: (alias) => nameIndex().byAlias.get(alias) ?? [],
    edgesOut: (v) => out[idOf(v)] ?? EMPTY,
    edgesIn: (v) => incoming()[idOf(v)] ?? EMPTY,
  };
  return { graph, diagnostics };
}

/** Bits of a vertex's reach: reached at all, and reached along a path without a dev / optional / peer edge. */
const REACHED = 1;
const VIA_NON_DEV = 2;
const VIA_REQUIRED = 4;
const VIA_NON_PEER = 8;
const ALL = REACHED | VIA_NON_DEV | VIA_REQUIRED | VIA_NON_PEER;

/**
 * One propagation from the importers: each vertex collects which kinds of path reach it (any
 * path; one avoiding dev edges; one avoiding optional edges; one avoiding peer edges), and is
 * revisited only when it gains a kind, so at most four times. Then: not reached at all is
 * extraneous, reached only through dev edges is dev, and so on (npm's calcDepFlags).
 */
function markFlags(vertices: (Importer | MutablePkgNode)[], importerCount: number, out: (MutableEdge[] | undefined)[], outIds: (number[] | undefined)[]): void {
  const reach = new Uint8Array(vertices.length);
  const stack: number[] = [];
  for (let i = 0; i < importerCount; i++) {
    reach[i] = ALL;
    stack.push(i);
  }
  while (stack.length) {
    const v = stack.pop()!;
    const targets = outIds[v];
    if (targets === undefined) continue;
    const edges = out[v]!;
    const from = reach[v]!;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      if (t === -1) continue;
      const gained = (from & carried(edges[k]!.type)) & ~reach[t]!;
      if (gained === 0) continue;
      reach[t] = reach[t]! | gained;
      stack.push(t);
    }
  }
  for (let i = importerCount; i < vertices.length; i++) {
    const r = reach[i]!;
    if (r === 0) continue;
    const n = vertices[i] as MutablePkgNode;
    n.extraneous = false;
    n.dev = (r & VIA_NON_DEV) === 0;
    n.optional = (r & VIA_REQUIRED) === 0;
    n.peer = (r & VIA_NON_PEER) === 0;
  }
}

/** Which kinds of path an edge of this type carries on: a dev edge ends every non-dev path, etc. */
function carried(type: EdgeType): number {
  switch (type) {
    case 'dev':
      return ALL & ~VIA_NON_DEV;
    case 'optional':
      return ALL & ~VIA_REQUIRED;
    case 'peer':
      return ALL & ~VIA_NON_PEER;
    case 'peerOptional':
      return ALL & ~VIA_NON_PEER & ~VIA_REQUIRED;
    default:
      return ALL;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dup(key: string): Diagnostic {
  return { code: 'graph/duplicate-key', severity: 'warning', message: `duplicate entry ${key} ignored` };
}
