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

const EMPTY: readonly Edge[] = Object.freeze([]);

/**
 * Builds the one normalized graph every reader feeds. The only place that derives flags:
 * dev, optional and peer come from reachability (as npm's calcDepFlags does), so every
 * format answers "is this dev-only?" the same way, whatever its lockfile records.
 */
export function buildGraph(input: GraphInput): { graph: PackageGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const vertices = new Map<string, MutableVertex>();

  const importers: Importer[] = [];
  for (const imp of input.importers) {
    if (vertices.has(imp.key)) {
      diagnostics.push(dup(imp.key));
      continue;
    }
    const v: Importer = { kind: 'importer', key: imp.key, path: imp.path, ...opt('name', imp.name), ...opt('version', imp.version) };
    vertices.set(imp.key, v);
    importers.push(v);
  }
  for (const p of input.packages) {
    if (vertices.has(p.key)) {
      diagnostics.push(dup(p.key));
      continue;
    }
    const node: MutablePkgNode = {
      kind: 'package',
      key: p.key,
      name: p.name,
      version: p.version,
      source: p.source,
      ...opt('resolved', p.resolved),
      ...opt('integrity', p.integrity),
      aliases: [],
      dev: false,
      optional: false,
      peer: false,
      bundled: p.bundled ?? false,
      hasInstallScript: p.hasInstallScript ?? false,
      extraneous: true,
      ...opt('location', p.location),
    };
    vertices.set(p.key, node);
  }

  const out = new Map<Vertex, Edge[]>();
  const inn = new Map<Vertex, Edge[]>();
  for (const e of input.edges) {
    const from = vertices.get(e.from);
    if (!from) {
      diagnostics.push({ code: 'graph/unknown-dependent', severity: 'warning', message: `edge ${e.name}@${e.spec} from unknown entry ${e.from} ignored` });
      continue;
    }
    let to: Vertex | null = null;
    if (e.to !== null) {
      to = vertices.get(e.to) ?? null;
      if (!to) diagnostics.push({ code: 'graph/unknown-dependency', severity: 'warning', message: `${e.from} depends on ${e.name} at ${e.to}, which the lockfile does not contain` });
    }
    const optional = e.type === 'optional' || e.type === 'peerOptional';
    const edge: Edge = { from, to, name: e.name, spec: e.spec, type: e.type, ...(to === null && !optional ? { problem: 'MISSING' as const } : {}) };
    push(out, from, edge);
    if (to) {
      push(inn, to, edge);
      if (to.kind === 'package' && e.name !== to.name && !to.aliases.includes(e.name)) (to.aliases as string[]).push(e.name);
    }
  }

  markFlags(importers, out);
  const byName = new Map<string, PkgNode[]>();
  const byAlias = new Map<string, PkgNode[]>();
  for (const v of vertices.values()) {
    if (v.kind !== 'package') continue;
    (v.aliases as string[]).sort();
    push(byName, v.name, v);
    for (const a of v.aliases) push(byAlias, a, v);
  }

  const graph: PackageGraph = {
    manager: input.manager,
    formatVersion: input.formatVersion,
    importers,
    *nodes() {
      for (const v of vertices.values()) if (v.kind === 'package') yield v;
    },
    get: (key) => vertices.get(key),
    byName: (name) => byName.get(name) ?? [],
    byAlias: (alias) => byAlias.get(alias) ?? [],
    edgesOut: (v) => out.get(v) ?? EMPTY,
    edgesIn: (v) => inn.get(v) ?? EMPTY,
  };
  return { graph, diagnostics };
}

type MutablePkgNode = { -readonly [K in keyof PkgNode]: PkgNode[K] };
type MutableVertex = Importer | MutablePkgNode;

/**
 * Three walks from the importers: everything reached without a dev edge is not dev, without
 * an optional edge is not optional, without a peer edge is not peer. Linear in edges.
 */
function markFlags(importers: readonly Importer[], out: Map<Vertex, Edge[]>): void {
  const reached = walk(importers, out, () => true);
  const viaProd = walk(importers, out, (e) => e.type !== 'dev');
  const viaRequired = walk(importers, out, (e) => e.type !== 'optional' && e.type !== 'peerOptional');
  const viaNonPeer = walk(importers, out, (e) => e.type !== 'peer' && e.type !== 'peerOptional');
  for (const node of reached) {
    const n = node as MutablePkgNode;
    n.extraneous = false;
    n.dev = !viaProd.has(node);
    n.optional = !viaRequired.has(node);
    n.peer = !viaNonPeer.has(node);
  }
}

function walk(importers: readonly Importer[], out: Map<Vertex, Edge[]>, follow: (e: Edge) => boolean): Set<PkgNode> {
  const seen = new Set<Vertex>(importers);
  const reached = new Set<PkgNode>();
  const stack: Vertex[] = [...importers];
  while (stack.length) {
    const v = stack.pop()!;
    for (const e of out.get(v) ?? EMPTY) {
      if (!e.to || seen.has(e.to) || !follow(e)) continue;
      seen.add(e.to);
      if (e.to.kind === 'package') reached.add(e.to);
      stack.push(e.to);
    }
  }
  return reached;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function dup(key: string): Diagnostic {
  return { code: 'graph/duplicate-key', severity: 'warning', message: `duplicate entry ${key} ignored` };
}
