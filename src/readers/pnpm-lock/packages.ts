import type { Diagnostic, EdgeType, PackageSource } from '../../core/index.js';
import { classifyResolved, type YamlMap } from '../shared/index.js';
import type { RawEdge, RawPackage } from '../types.js';
import { parseDepPath, peerFromSuffix, resolveRef, withoutPeers, type KeyStyle } from './dep-path.js';

/** Everything the package and importer passes share. */
export interface Context {
  file: string;
  style: KeyStyle;
  /** Lines of the keys under `packages:` and `snapshots:`, for each node's location. */
  keyLines: { packages: Map<string, number>; snapshots: Map<string, number> };
  packages: RawPackage[];
  edges: RawEdge[];
  /** Edges to `link:` targets: resolved once the importers and linked manifests are known. */
  links: Array<{ edge: RawEdge; path: string }>;
  diagnostics: Diagnostic[];
  /** Keys of every node (packages and importers), to check that edges point at something. */
  known: Set<string>;
}

export function asMap(value: unknown): YamlMap | undefined {
  return value instanceof Map ? (value as YamlMap) : undefined;
}

export function str(parent: YamlMap | undefined, key: string): string | undefined {
  const v = parent?.get(key);
  return typeof v === 'string' ? v : undefined;
}

export function map(parent: YamlMap | undefined, key: string): YamlMap | undefined {
  return asMap(parent?.get(key));
}

const EMPTY: YamlMap = new Map();

/**
 * Records an edge. Its target is the depPath the reference spells, checked by checkTargets once
 * every node is known; `link:` targets are left to the caller (see Context.links).
 */
export function addEdge(ctx: Context, from: string, name: string, spec: string, type: EdgeType, ref: string | undefined): void {
  const resolved = ref === undefined ? undefined : resolveRef(ctx.style, name, ref);
  const edge: RawEdge = { from, to: resolved?.kind === 'package' ? resolved.depPath : null, name, spec, type };
  ctx.edges.push(edge);
  if (resolved?.kind === 'link') ctx.links.push({ edge, path: resolved.path });
}

/**
 * One node per depPath. v5/v6 keep everything in `packages`; v9 splits metadata (`packages`,
 * keyed without peer suffix) from the graph (`snapshots`, one entry per peer variant).
 */
export function readPackages(lock: YamlMap, ctx: Context): void {
  const packages = map(lock, 'packages') ?? EMPTY;
  if (ctx.style !== 'v9') {
    for (const [key, entry] of packages) addNode(ctx, key, key, asMap(entry), asMap(entry));
    return;
  }
  const described = new Set<string>();
  for (const [key, snapshot] of map(lock, 'snapshots') ?? EMPTY) {
    const metaKey = withoutPeers(key);
    described.add(metaKey);
    addNode(ctx, key, metaKey, asMap(packages.get(metaKey)), asMap(snapshot) ?? EMPTY);
  }
  // Metadata without a snapshot (a damaged or hand-edited file): still a package, without edges.
  for (const [key, entry] of packages) if (!described.has(key)) addNode(ctx, key, key, asMap(entry), EMPTY);
}

function addNode(ctx: Context, key: string, metaKey: string, meta: YamlMap | undefined, graph: YamlMap | undefined): void {
  const line = ctx.keyLines.packages.get(metaKey) ?? ctx.keyLines.snapshots.get(key);
  const location = line === undefined ? { file: ctx.file } : { file: ctx.file, line };
  if (!meta || !graph) {
    ctx.diagnostics.push(badEntry(location, `package entry ${JSON.stringify(key)} is not a mapping; skipped`));
    return;
  }
  const parsed = parseDepPath(key);
  const name = str(meta, 'name') ?? parsed?.name;
  // A key's "version" may be `file:...` or a URL; the entry's own `version` field is the real one.
  const version = str(meta, 'version') ?? (parsed && isPlainVersion(parsed.version) ? parsed.version : undefined);
  if (!name || !version) {
    ctx.diagnostics.push(badEntry(location, `package entry ${JSON.stringify(key)} has no name and version; skipped`));
    return;
  }
  ctx.packages.push({ key, name, version, ...sourceOf(key, map(meta, 'resolution')), ...flags(meta), location });
  ctx.known.add(key);
  dependencyEdges(ctx, key, meta, graph);
}

function isPlainVersion(v: string): boolean {
  return !v.includes(':') && !v.includes('/');
}

function sourceOf(key: string, resolution: YamlMap | undefined): Pick<RawPackage, 'source' | 'resolved' | 'integrity'> {
  const integrity = str(resolution, 'integrity');
  const withIntegrity = integrity === undefined ? {} : { integrity };
  const repo = str(resolution, 'repo');
  if (str(resolution, 'type') === 'git' && repo) {
    const commit = str(resolution, 'commit');
    return { source: 'git', resolved: commit ? `${repo}#${commit}` : repo, ...withIntegrity };
  }
  const directory = str(resolution, 'directory');
  if (directory !== undefined) return { source: 'file', resolved: `file:${directory}`, ...withIntegrity };
  const tarball = str(resolution, 'tarball');
  if (tarball !== undefined) {
    const source: PackageSource = tarball.startsWith('file:') ? 'file' : classifyResolved(tarball);
    return { source, resolved: tarball, ...withIntegrity };
  }
  // No resolution URL: a registry package, unless the key itself names a local file.
  const source: PackageSource = key.startsWith('file:') || key.includes('@file:') ? 'file' : 'registry';
  return { source, ...withIntegrity };
}

/** pnpm < 9 writes `requiresBuild: true` for packages with install scripts. */
function flags(meta: YamlMap): Pick<RawPackage, 'hasInstallScript'> {
  return str(meta, 'requiresBuild') === 'true' ? { hasInstallScript: true } : {};
}

/**
 * prod/optional edges from the graph's dependency maps, peer edges from the declared peers.
 * pnpm lists a resolved peer among the dependencies too: it becomes one peer edge with the
 * declared range, resolved to that dependency (or to the peer named in the key's suffix).
 * transitivePeerDependencies only say which peers the subtree needs: not edges.
 */
function dependencyEdges(ctx: Context, from: string, meta: YamlMap, graph: YamlMap): void {
  const deps = map(graph, 'dependencies');
  const optional = map(graph, 'optionalDependencies');
  const peers = map(meta, 'peerDependencies');
  const peersMeta = map(meta, 'peerDependenciesMeta');
  if (peers) {
    for (const [name, range] of peers) {
      const ref = str(deps, name) ?? str(optional, name) ?? peerFromSuffix(ctx.style, from, name);
      const type = str(map(peersMeta, name), 'optional') === 'true' ? 'peerOptional' : 'peer';
      addEdge(ctx, from, name, typeof range === 'string' ? range : '', type, ref);
    }
  }
  for (const [section, type] of [[deps, 'prod'], [optional, 'optional']] as const) {
    if (!section) continue;
    for (const [name, ref] of section) {
      if (peers?.has(name)) continue;
      const version = typeof ref === 'string' ? ref : undefined;
      addEdge(ctx, from, name, version ?? '', type, version);
    }
  }
}

function badEntry(location: { file: string; line?: number }, message: string): Diagnostic {
  return { code: 'pnpm-lock/bad-entry', severity: 'warning', message, location };
}

/** Edges whose target the lockfile does not have point nowhere, with a diagnostic. */
export function checkTargets(ctx: Context): void {
  for (const edge of ctx.edges) {
    if (edge.to === null || ctx.known.has(edge.to)) continue;
    ctx.diagnostics.push({
      code: 'pnpm-lock/unresolved',
      severity: 'warning',
      message: `${edge.from} depends on ${edge.name} but the lockfile has no entry ${JSON.stringify(edge.to)}`,
      location: { file: ctx.file },
    });
    edge.to = null;
  }
}
