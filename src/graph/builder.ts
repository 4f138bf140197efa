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
  for (const e of input.edges) {
    const fromId = ids.get(e.from);
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

  const vertexIds = new Map<Vertex, number>(vertices.map((v, i) => [v, i]));
  const idOf = (v: Vertex): number => vertexIds.get(v) ?? -1;
  // Incoming edges are only needed by path queries, not by an inventory: built on first use.
  let inn: (Edge[] | undefined)[] | undefined;
  const incoming = () => {
    if (inn) return inn;
    inn = new Array(vertices.length);
    for (const edges of out) for (const e of edges ?? EMPTY) if (e.to) (inn[idOf(e.to)] ??= []).push(e);
    return inn;
  };
  const byName = new Map<string, PkgNode[]>();
  const byAlias = new Map<string, PkgNode[]>();
  for (const v of vertices) {
    if (v.kind !== 'package') continue;
    push(byName, v.name, v);
    if (v.aliases.length === 0) continue;
    (v.aliases as string[]).sort();
    for (const a of v.aliases) push(byAlias, a, v);
  }

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
    byName: (name) => byName.get(name) ?? [],
    byAlias: (alias) => byAlias.get(alias) ?? [],
    edgesOut: (v) => out[idOf(v)] ?? EMPTY,
    edgesIn: (v) => incoming()[idOf(v)] ?? EMPTY,
  };
  return { graph, diagnostics };
}

const DEV = 1;
const OPTIONAL = 2;
const PEER = 4;

/**
 * Four walks from the importers over numeric ids: what is reached at all is not extraneous;
 * what is reached without a dev edge is not dev, without an optional edge not optional, without
 * a peer edge not peer. Linear in edges.
 */
function markFlags(vertices: (Importer | MutablePkgNode)[], importerCount: number, out: (MutableEdge[] | undefined)[], outIds: (number[] | undefined)[]): void {
  const reached = walk(vertices.length, importerCount, out, outIds, 0);
  const viaNonDev = walk(vertices.length, importerCount, out, outIds, DEV);
  const viaRequired = walk(vertices.length, importerCount, out, outIds, OPTIONAL);
  const viaNonPeer = walk(vertices.length, importerCount, out, outIds, PEER);
  for (let i = importerCount; i < vertices.length; i++) {
    if (!reached[i]) continue;
    const n = vertices[i] as MutablePkgNode;
    n.extraneous = false;
    n.dev = !viaNonDev[i];
    n.optional = !viaRequired[i];
    n.peer = !viaNonPeer[i];
  }
}

function edgeKind(type: EdgeType): number {
  switch (type) {
    case 'dev':
      return DEV;
    case 'optional':
      return OPTIONAL;
    case 'peer':
      return PEER;
    case 'peerOptional':
      return PEER | OPTIONAL;
    default:
      return 0;
  }
}

/** Importers are the first `importerCount` ids. Edges whose kind intersects `avoid` are not followed. */
function walk(size: number, importerCount: number, out: (MutableEdge[] | undefined)[], outIds: (number[] | undefined)[], avoid: number): Uint8Array {
  const seen = new Uint8Array(size);
  const stack: number[] = [];
  for (let i = 0; i < importerCount; i++) {
    seen[i] = 1;
    stack.push(i);
  }
  while (stack.length) {
    const v = stack.pop()!;
    const targets = outIds[v];
    if (targets === undefined) continue;
    const edges = out[v]!;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      if (t === -1 || seen[t] || (avoid !== 0 && edgeKind(edges[k]!.type) & avoid)) continue;
      seen[t] = 1;
      stack.push(t);
    }
  }
  return seen;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dup(key: string): Diagnostic {
  return { code: 'graph/duplicate-key', severity: 'warning', message: `duplicate entry ${key} ignored` };
}
