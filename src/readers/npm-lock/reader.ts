import { join } from 'node:path';
import type { Diagnostic, ReadonlyFs } from '../../core/index.js';
import { jsonErrorPosition, lockfileError } from '../shared/index.js';
import type { LockfileReader, RawGraph, RawPackage, ReadInput, ReadResult } from '../types.js';
import { readDependencyTree, rootEdges, type TreeResult } from './dependency-tree.js';
import { asObject, asString, type JsonObject } from './json-util.js';
import { readPackagesMap } from './packages-map.js';

/**
 * package-lock.json and npm-shrinkwrap.json (same format), lockfileVersion 1, 2 and 3.
 * v2/v3 carry the flat `packages` map, which is preferred whenever present (v2 also keeps the
 * v1 tree for old clients); v1 only has the nested `dependencies` tree.
 */
export const npmLockReader: LockfileReader = {
  id: 'npm/package-lock',
  version: 1,
  matches: ({ basename }) => basename === 'package-lock.json' || basename === 'npm-shrinkwrap.json',
  read,
};

const KNOWN_VERSIONS = new Set([1, 2, 3]);

async function read(input: ReadInput): Promise<ReadResult> {
  const file = input.path;
  const text = stripBom(await input.fs.readText(file));
  const doc = parse(text, file);
  const diagnostics: Diagnostic[] = [];
  const version = doc['lockfileVersion'];
  if (typeof version !== 'number' || !KNOWN_VERSIONS.has(version)) {
    diagnostics.push({
      code: 'npm-lock/unknown-version',
      severity: 'warning',
      message: `lockfileVersion ${JSON.stringify(version) ?? 'missing'} is not one chainwatch knows (1, 2, 3); read as best effort`,
      location: { file },
    });
  }
  const raw: RawGraph = {
    manager: 'npm',
    formatVersion: version === undefined ? '' : String(version),
    importers: [],
    packages: [],
    edges: [],
  };
  const packages = asObject(doc['packages']);
  if (packages) {
    const flat = readPackagesMap(packages, text, file);
    Object.assign(raw, { importers: flat.importers, packages: flat.packages, edges: flat.edges });
    diagnostics.push(...flat.diagnostics);
    if (!raw.importers.some((i) => i.path === '')) raw.importers.unshift(rootImporter(doc));
  } else {
    await readTree(doc, text, input, raw, diagnostics);
  }
  markUrlDependencies(raw);
  return { raw, diagnostics };
}

/**
 * A tarball URL on the registry's own host (`<registry>/is-even/-/is-even-1.0.0.tgz`) looks like
 * any registry resolution; only the dependent's spec tells it was asked for by URL.
 */
function markUrlDependencies(raw: RawGraph): void {
  let byKey: Map<string, RawPackage> | undefined; // rarely needed: built on the first URL spec
  for (const e of raw.edges) {
    if (e.to === null || !/^https?:/.test(e.spec)) continue;
    byKey ??= new Map(raw.packages.map((p) => [p.key, p]));
    const target = byKey.get(e.to);
    if (target?.source === 'registry') target.source = 'tarball';
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parse(text: string, file: string): JsonObject {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = jsonErrorPosition(text, e);
    const reason = e instanceof Error ? e.message.replace(/\s*(in JSON )?at position \d+.*$/s, '') : String(e);
    throw lockfileError('parse', file, `invalid JSON: ${reason}`, {
      ...(pos ? { line: pos.line } : {}),
      hint: 'The lockfile is damaged or truncated; regenerate it with `npm install --package-lock-only`.',
      cause: e,
    });
  }
  const obj = asObject(doc);
  if (!obj || !looksLikeLockfile(obj)) {
    throw lockfileError('format', file, 'not an npm lockfile (no lockfileVersion, packages or dependencies tree)', {
      hint: 'package-lock.json and npm-shrinkwrap.json must be written by npm.',
    });
  }
  return obj;
}

/**
 * Every npm lockfile has lockfileVersion; without it we still accept a `packages` map or a v1
 * tree (entries are objects), but not a package.json saved under the wrong name (string ranges).
 */
function looksLikeLockfile(doc: JsonObject): boolean {
  if ('lockfileVersion' in doc || asObject(doc['packages'])) return true;
  const deps = asObject(doc['dependencies']);
  if (!deps) return false;
  const values = Object.values(deps);
  return values.length > 0 && values.every((v) => asObject(v) !== undefined);
}

function rootImporter(doc: JsonObject): RawGraph['importers'][number] {
  const importer: RawGraph['importers'][number] = { key: 'importer:', path: '' };
  const name = asString(doc['name']);
  const version = asString(doc['version']);
  if (name !== undefined) importer.name = name;
  if (version !== undefined) importer.version = version;
  return importer;
}

/** lockfileVersion 1: the tree, plus the root's own declarations, which v1 does not record. */
async function readTree(doc: JsonObject, text: string, input: ReadInput, raw: RawGraph, diagnostics: Diagnostic[]) {
  const tree = readDependencyTree(asObject(doc['dependencies']) ?? {}, text, input.path);
  raw.importers = [rootImporter(doc)];
  raw.packages = tree.packages;
  diagnostics.push(...tree.diagnostics);
  await versionLinks(tree, input, diagnostics);
  const manifest = await readManifest(input.fs, join(input.root, 'package.json'));
  if (manifest) {
    raw.edges = [...rootEdges(manifest, tree.resolveFromRoot), ...tree.edges];
    return;
  }
  diagnostics.push({
    code: 'npm-lock/no-root-manifest',
    severity: 'warning',
    message: 'lockfileVersion 1 does not record the root\'s dependency ranges and package.json was not found next to it: ' +
      'every top-level entry is taken as a direct dependency with its locked version as the range',
    location: { file: input.path },
  });
  const fromRoot = tree.topLevel.map((t) => ({
    from: 'importer:', to: t.key, name: t.name, spec: t.spec,
    type: t.dev ? 'dev' as const : t.optional ? 'optional' as const : 'prod' as const,
  }));
  raw.edges = [...fromRoot, ...tree.edges];
}

/** v1 records `file:<dir>` instead of a directory link's version: read it from its package.json. */
async function versionLinks(tree: TreeResult, input: ReadInput, diagnostics: Diagnostic[]): Promise<void> {
  for (const { pkg, dir } of tree.links) {
    const version = asString((await readManifest(input.fs, join(input.root, dir, 'package.json')))?.['version']);
    if (version !== undefined) {
      pkg.version = version;
      continue;
    }
    diagnostics.push({
      code: 'npm-lock/unknown-link-version',
      severity: 'warning',
      message: `${pkg.name} links to ${dir} whose package.json has no readable version; its version is shown as "${pkg.version}"`,
      location: pkg.location ?? { file: input.path },
    });
  }
}

/** A manifest that exists and parses, or undefined: a missing or broken one only loses edges. */
async function readManifest(fs: ReadonlyFs, path: string): Promise<JsonObject | undefined> {
  if ((await fs.lstat(path))?.kind !== 'file') return undefined;
  try {
    return asObject(JSON.parse(stripBom(await fs.readText(path))));
  } catch {
    return undefined;
  }
}
