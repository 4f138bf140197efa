import type { Diagnostic } from '../../core/index.js';
import { classifyResolved, LineIndex, parseNpmAlias } from '../shared/index.js';
import type { RawEdge, RawPackage } from '../types.js';
import { asObject, asString, forEachDeclared, KeyLocator, type JsonObject } from './json-util.js';

/**
 * lockfileVersion 1: a nested `dependencies` tree mirroring node_modules. Each entry's `requires`
 * names what it needs, found like node does: in its own nested `dependencies`, then its parent's,
 * up to the top level. Keys are the install locations npm 7+ would write (`node_modules/a/node_modules/b`)
 * so v1 and v2/v3 graphs of the same project line up.
 *
 * The tree is walked with an explicit stack: a hostile lockfile may nest thousands of levels.
 */
export interface TreeResult {
  packages: RawPackage[];
  edges: RawEdge[];
  diagnostics: Diagnostic[];
  /** Top-level entries, to link the root to when its package.json is not available. */
  topLevel: { key: string; name: string; spec: string; dev: boolean; optional: boolean }[];
  /** Resolves a dependency of the root (the lockfile's directory). */
  resolveFromRoot(name: string): string | null;
  /** Directory `file:` links whose version must come from their own package.json. */
  links: { pkg: RawPackage; dir: string }[];
}

interface TreeNode {
  key: string;
  parent: TreeNode | undefined;
  children: Map<string, TreeNode>;
  entry: JsonObject;
}

export function readDependencyTree(dependencies: JsonObject, text: string, file: string): TreeResult {
  const out: TreeResult = {
    packages: [], edges: [], diagnostics: [], topLevel: [], links: [],
    resolveFromRoot: () => null,
  };
  const root: TreeNode = { key: 'importer:', parent: undefined, children: new Map(), entry: {} };
  const locator = new KeyLocator(text, text.indexOf('"dependencies"'));
  const lines = new LineIndex(text);
  const nodes: TreeNode[] = [];
  // Pre-order in document order (children pushed in reverse) so KeyLocator scans forward only.
  const stack: { parent: TreeNode; name: string; value: unknown; location: string }[] = [];
  pushChildren(stack, root, dependencies, '');

  for (let item = stack.pop(); item; item = stack.pop()) {
    const { parent, name, value, location } = item;
    const entry = asObject(value);
    const offset = locator.offsetOf(name);
    const line = offset === undefined ? undefined : lines.lineAt(offset);
    const version = asString(entry?.['version']);
    if (!entry || !version) {
      out.diagnostics.push(problem(file, location, entry ? 'has no version; skipped' : 'is not an object', line));
      continue;
    }
    const node: TreeNode = { key: location, parent, children: new Map(), entry };
    parent.children.set(name, node);
    nodes.push(node);
    const pkg = toPackage(location, name, entry, version);
    if (line !== undefined) pkg.location = { file, line };
    out.packages.push(pkg);
    if (pkg.source === 'link') out.links.push({ pkg, dir: version.slice('file:'.length) });
    if (parent === root) {
      out.topLevel.push({ key: location, name, spec: version, dev: entry['dev'] === true, optional: entry['optional'] === true });
    }
    const nested = asObject(entry['dependencies']);
    if (nested) pushChildren(stack, node, nested, location);
  }

  for (const node of nodes) addRequires(out.edges, node);
  out.resolveFromRoot = (name) => root.children.get(name)?.key ?? null;
  return out;
}

function pushChildren(
  stack: { parent: TreeNode; name: string; value: unknown; location: string }[],
  parent: TreeNode,
  deps: JsonObject,
  parentLocation: string,
): void {
  const names = Object.keys(deps);
  const prefix = parentLocation === '' ? 'node_modules/' : `${parentLocation}/node_modules/`;
  for (let i = names.length - 1; i >= 0; i--) {
    const name = names[i]!;
    stack.push({ parent, name, value: deps[name], location: prefix + name });
  }
}

/**
 * v1 `version` is not always a version: `npm:lodash@4.17.15` (alias), a tarball URL, a
 * `file:` path (tarball or directory link) or a git URL. The real version is then taken from
 * the tarball's file name when it has npm's `<name>-<version>.tgz` shape; a directory link gets
 * its version from its package.json later (see reader.ts); a git dependency keeps its spec.
 */
function toPackage(location: string, name: string, entry: JsonObject, version: string): RawPackage {
  const alias = parseNpmAlias(version);
  const realName = alias?.name ?? name;
  const isSpec = alias === undefined && !/^\d/.test(version);
  const resolved = asString(entry['resolved']) ?? (isSpec ? version : undefined);
  const source = isSpec && isDirectoryLink(version) ? 'link' : classifyResolved(resolved);
  const pkg: RawPackage = {
    key: location,
    name: realName,
    version: alias?.range ?? (isSpec ? versionFromTarballName(realName, version) ?? version : version),
    source,
  };
  if (resolved !== undefined) pkg.resolved = resolved;
  const integrity = asString(entry['integrity']);
  if (integrity !== undefined) pkg.integrity = integrity;
  if (entry['bundled'] === true) pkg.bundled = true;
  return pkg;
}

function isDirectoryLink(spec: string): boolean {
  return spec.startsWith('file:') && !/\.(tgz|tar\.gz|tar)$/.test(spec);
}

/** `.../is-even-1.0.0.tgz` for `is-even` -> `1.0.0`; scoped tarballs are `scope-name-<version>.tgz`. */
function versionFromTarballName(name: string, spec: string): string | undefined {
  const m = /([^/]+)\.(?:tgz|tar\.gz)(?:[?#].*)?$/.exec(spec);
  if (!m) return undefined;
  const base = name.startsWith('@') ? name.slice(1).replace('/', '-') : name;
  const file = m[1]!;
  if (!file.startsWith(`${base}-`)) return undefined;
  const version = file.slice(base.length + 1);
  return /^\d+\.\d+\.\d+/.test(version) ? version : undefined;
}

/** v1 `requires` carries no dependency kind: every edge is 'prod'. */
function addRequires(edges: RawEdge[], node: TreeNode): void {
  const requires = asObject(node.entry['requires']);
  if (!requires) return;
  for (const name of Object.keys(requires)) {
    const spec = requires[name];
    if (typeof spec !== 'string') continue;
    edges.push({ from: node.key, to: nearest(node, name), name, spec, type: 'prod' });
  }
}

/** Node's lookup in the nested tree: own children first, then each ancestor's. */
function nearest(node: TreeNode, name: string): string | null {
  for (let n: TreeNode | undefined = node; n; n = n.parent) {
    const hit = n.children.get(name);
    if (hit) return hit.key;
  }
  return null;
}

/** Edges from a root manifest (package.json next to the lockfile), resolved at the top level. */
export function rootEdges(manifest: JsonObject, resolveFromRoot: (name: string) => string | null): RawEdge[] {
  const edges: RawEdge[] = [];
  forEachDeclared(manifest, (name, spec, type) => {
    edges.push({ from: 'importer:', to: resolveFromRoot(name), name, spec, type });
  });
  return edges;
}

function problem(file: string, location: string, what: string, line?: number): Diagnostic {
  return {
    code: 'npm-lock/bad-entry',
    severity: 'warning',
    message: `dependencies entry ${location} ${what}`,
    location: line === undefined ? { file } : { file, line },
  };
}
