import semver from 'semver';
import type { Diagnostic, EdgeType, PackageSource } from '../../core/index.js';
import {
  classifyResolved,
  lockfileError,
  parseYaml,
  readManifest,
  sniffYarnLockfile,
  splitNameSpec,
  type Manifest,
  type ParsedYaml,
  type YamlMap,
  type YamlValue,
} from '../shared/index.js';
import type { LockfileReader, RawEdge, RawGraph, RawImporter, RawPackage, ReadInput, ReadResult } from '../types.js';

/**
 * yarn 2+ (`__metadata:` YAML, read with the shared YAML parser: its line scanner covers what
 * berry writes, js-yaml takes anything else). Each entry is keyed by the descriptors that resolved to it and
 * names its locator in `resolution`. Workspaces are entries too (`name@workspace:<path>`) and
 * become importers; virtual instances (peer-dependency copies) and patched packages are folded
 * onto the package they wrap, so there is one node per real package.
 */
export const yarnBerryReader: LockfileReader = {
  id: 'yarn/berry',
  version: 1,
  matches: (file) => file.basename === 'yarn.lock',
  read,
};

const PARSE_HINT = 'the file is damaged or truncated; restore it or run yarn install to rewrite it';

/** __metadata.version values real clients wrote: 4 (yarn 2), 6 (yarn 3), 8 (yarn 4.0), 10 (yarn 4.x). */
const KNOWN_VERSIONS = new Set(['4', '5', '6', '7', '8', '9', '10']);

interface Entry {
  /** The node this entry belongs to (set by assignKeys). */
  key: string;
  /** A virtual or patch entry folded onto the package it wraps. */
  folded: boolean;
  /** Undefined only for a key the js-yaml fallback reads but the line pass cannot (see shared/yaml.ts). */
  line: number | undefined;
  descriptors: string[];
  resolution: string;
  version: string;
  map: YamlMap;
}

interface Ctx {
  file: string;
  diagnostics: Diagnostic[];
  /** descriptor -> node key (package or importer). */
  byDescriptor: Map<string, string>;
  /** package name -> its nodes, for peers the lockfile does not resolve. */
  byName: Map<string, RawPackage[]>;
}

async function read(input: ReadInput): Promise<ReadResult> {
  const file = input.path;
  const text = await input.fs.readText(file);
  if (sniffYarnLockfile(text) === 'classic') {
    throw lockfileError('format', file, 'this is a yarn classic (v1) lockfile, not a yarn berry one', { hint: 'read it with the yarn/classic reader' });
  }
  const parsed = parseYaml(text, file, { hint: PARSE_HINT });
  const ctx: Ctx = { file, diagnostics: [], byDescriptor: new Map(), byName: new Map() };
  const formatVersion = metadataVersion(parsed, ctx);
  const entries = collectEntries(parsed, ctx);
  assignKeys(entries);
  const { packages, importers } = buildNodes(entries, ctx);
  for (const pkg of packages.values()) {
    if (pkg.source === 'link') await linkedVersion(input, pkg);
  }
  const manifests = await importerManifests(input, importers, ctx);
  const edges = buildEdges(entries, manifests, ctx);
  for (const importer of importers.values()) {
    if (importer.path === '' || !importers.has('importer:')) continue;
    edges.push({ from: 'importer:', to: importer.key, name: importer.name ?? importer.path, spec: `workspace:${importer.path}`, type: 'workspace' });
  }
  const raw: RawGraph = { manager: 'yarn-berry', formatVersion, importers: [...importers.values()], packages: [...packages.values()], edges };
  return { raw, diagnostics: ctx.diagnostics };
}

function metadataVersion({ doc, topLines }: ParsedYaml, ctx: Ctx): string {
  const version = asMap(asMap(doc)?.get('__metadata'))?.get('version');
  const line = topLines.get('__metadata');
  if (typeof version !== 'string') {
    throw lockfileError('format', ctx.file, 'no __metadata.version: not a yarn berry lockfile', {
      line,
      hint: 'yarn 2+ writes a __metadata block with a version; run yarn install to rewrite the file',
    });
  }
  if (!KNOWN_VERSIONS.has(version)) {
    ctx.diagnostics.push({
      code: 'yarn-berry/unknown-version',
      severity: 'warning',
      message: `__metadata.version ${version} is not one chainwatch knows (4-10); read as the latest known format`,
      location: { file: ctx.file, line },
    });
  }
  return version;
}

/** The top-level keys besides __metadata: `"a@npm:^1, a@npm:1.0.0":` with the resolved package's fields. */
function collectEntries({ doc, topLines }: ParsedYaml, ctx: Ctx): Entry[] {
  const entries: Entry[] = [];
  for (const [rawKey, value] of asMap(doc) ?? []) {
    if (rawKey === '__metadata') continue;
    const line = topLines.get(rawKey);
    const map = asMap(value);
    if (map === undefined) {
      ctx.diagnostics.push(entryProblem(ctx.file, line, `"${rawKey}" is not a package entry`));
      continue;
    }
    const resolution = map.get('resolution');
    const version = map.get('version');
    if (typeof resolution !== 'string' || resolution === '' || typeof version !== 'string' || version === '') {
      ctx.diagnostics.push(entryProblem(ctx.file, line, `"${rawKey}" has no resolution or version; skipped`));
      continue;
    }
    entries.push({ key: resolution, folded: false, line, descriptors: rawKey.split(', '), resolution, version, map });
  }
  return entries;
}

/**
 * The node each entry belongs to. Workspaces become `importer:<path>`; a virtual
 * (`name@virtual:<hash>#npm:1.0.0`) and a patch (`name@patch:name@npm%3A1.0.0#…`) are folded onto
 * the locator they wrap when the lockfile has it (it always does for files yarn wrote).
 */
function assignKeys(entries: Entry[]): void {
  const resolutions = new Set(entries.map((e) => e.resolution));
  for (const entry of entries) {
    const { name, spec: reference } = splitNameSpec(entry.resolution);
    if (reference.startsWith('workspace:')) entry.key = `importer:${workspacePath(reference)}`;
    else if (reference.startsWith('virtual:')) entry.key = `${name}@${reference.slice(reference.indexOf('#') + 1)}`;
    else if (reference.startsWith('patch:')) {
      const inner = patchedLocator(reference);
      if (inner !== undefined && resolutions.has(inner)) entry.key = inner;
    }
    entry.folded = entry.key !== entry.resolution && !entry.key.startsWith('importer:');
  }
}

function workspacePath(reference: string): string {
  const path = reference.slice('workspace:'.length);
  return path === '.' ? '' : path.replace(/^\.\//, '');
}

/** `patch:fsevents@npm%3A2.3.3#…` -> `fsevents@npm:2.3.3`. */
function patchedLocator(reference: string): string | undefined {
  const hash = reference.indexOf('#');
  try {
    return decodeURIComponent(reference.slice('patch:'.length, hash === -1 ? undefined : hash));
  } catch {
    return undefined;
  }
}

function buildNodes(entries: Entry[], ctx: Ctx) {
  const packages = new Map<string, RawPackage>();
  const importers = new Map<string, RawImporter>();
  // Real entries first, so a folded virtual or patch never decides a node's fields.
  const ordered = [...entries.filter((e) => !e.folded), ...entries.filter((e) => e.folded)];
  for (const entry of ordered) {
    const key = entry.key;
    for (const d of entry.descriptors) ctx.byDescriptor.set(d, key);
    if (key.startsWith('importer:')) {
      const { name } = splitNameSpec(entry.resolution);
      if (!importers.has(key)) importers.set(key, { key, path: key.slice('importer:'.length), name });
      continue;
    }
    if (packages.has(key)) continue;
    const pkg = toPackage(key, entry, ctx.file);
    packages.set(key, pkg);
    const same = ctx.byName.get(pkg.name);
    if (same === undefined) ctx.byName.set(pkg.name, [pkg]);
    else same.push(pkg);
  }
  return { packages, importers };
}

function toPackage(key: string, entry: Entry, file: string): RawPackage {
  const { name, spec: reference } = splitNameSpec(key);
  const source = sourceOf(reference);
  const pkg: RawPackage = { key, name, version: entry.version, source };
  if (source !== 'registry') pkg.resolved = reference;
  pkg.location = entry.line === undefined ? { file } : { file, line: entry.line };
  return pkg;
}

export function sourceOf(reference: string): PackageSource {
  if (reference.startsWith('npm:') || reference.startsWith('patch:')) return 'registry';
  if (reference.startsWith('link:') || reference.startsWith('portal:')) return 'link';
  if (reference.startsWith('file:') || reference.startsWith('exec:')) return 'file';
  if (/^https?:/.test(reference)) return /\.git(#|$)|#commit=/.test(reference) ? 'git' : 'tarball';
  return classifyResolved(reference);
}

/**
 * yarn records `0.0.0-use.local` for `link:`/`portal:` targets; the linked directory's package.json
 * (relative to the workspace named in `::locator=`) has the real version.
 */
async function linkedVersion(input: ReadInput, pkg: RawPackage): Promise<void> {
  const reference = pkg.resolved ?? '';
  const params = reference.indexOf('::');
  const target = reference.slice(reference.indexOf(':') + 1, params === -1 ? undefined : params);
  const locator = /(?:^|&)locator=([^&]*)/.exec(params === -1 ? '' : reference.slice(params + 2))?.[1];
  let base = '';
  try {
    if (locator !== undefined) base = workspacePath(splitNameSpec(decodeURIComponent(locator)).spec);
  } catch {
    return;
  }
  const dir = normalize(base === '' ? target : `${base}/${target}`);
  if (dir === undefined) return;
  const manifest = await readManifest(input.fs, input.root, dir);
  if (typeof manifest?.version === 'string') pkg.version = manifest.version;
}

/** `a/./b/../c` -> `a/c`; undefined when it climbs out of the project. */
function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.pop() === undefined) return undefined;
  }
  return out.join('/');
}

async function importerManifests(input: ReadInput, importers: Map<string, RawImporter>, ctx: Ctx): Promise<Map<string, Manifest | undefined>> {
  const out = new Map<string, Manifest | undefined>();
  for (const importer of importers.values()) {
    const manifest = await readManifest(input.fs, input.root, importer.path);
    out.set(importer.key, manifest);
    if (manifest === undefined) {
      ctx.diagnostics.push({
        code: 'yarn-berry/no-manifest',
        severity: 'warning',
        message: `${importer.path || '.'}/package.json is missing or invalid: dev dependencies of ${importer.name ?? importer.key} are reported as prod`,
        location: { file: ctx.file },
      });
    } else if (typeof manifest.version === 'string') importer.version = manifest.version;
  }
  return out;
}

function buildEdges(entries: Entry[], manifests: Map<string, Manifest | undefined>, ctx: Ctx): RawEdge[] {
  const edges: RawEdge[] = [];
  for (const entry of entries) {
    if (entry.folded) continue;
    const manifest = entry.key.startsWith('importer:') ? manifests.get(entry.key) : undefined;
    edges.push(...entryEdges(entry.key, entry, manifest, ctx));
  }
  // A folded entry repeats most of its package's edges (a virtual adds the resolved peers): add the rest.
  const folded = entries.filter((e) => e.folded);
  if (folded.length === 0) return edges;
  const foldedKeys = new Set(folded.map((e) => e.key));
  const seen = new Set(edges.filter((e) => foldedKeys.has(e.from)).map(edgeId));
  for (const entry of folded) {
    for (const edge of entryEdges(entry.key, entry, undefined, ctx)) {
      const id = edgeId(edge);
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push(edge);
    }
  }
  return edges;
}

function edgeId(e: RawEdge): string {
  return `${e.from}\0${e.name}\0${e.type}\0${e.spec}`;
}

function entryEdges(from: string, entry: Entry, manifest: Manifest | undefined, ctx: Ctx): RawEdge[] {
  const out: RawEdge[] = [];
  const map = entry.map;
  const resolve = (name: string, spec: string) => resolveDescriptor(name, spec, entry.resolution, ctx);
  const depsMeta = asMap(map.get('dependenciesMeta'));
  for (const [name, spec] of asMap(map.get('dependencies')) ?? []) {
    if (typeof spec !== 'string') continue;
    const optional = asMap(depsMeta?.get(name))?.get('optional') === 'true';
    out.push({ from, to: resolve(name, spec), name, spec, type: optional ? 'optional' : declaredType(name, manifest) });
  }
  const peersMeta = asMap(map.get('peerDependenciesMeta'));
  for (const [name, spec] of asMap(map.get('peerDependencies')) ?? []) {
    if (typeof spec !== 'string') continue;
    const type: EdgeType = asMap(peersMeta?.get(name))?.get('optional') === 'true' ? 'peerOptional' : 'peer';
    out.push({ from, to: resolve(name, spec) ?? peerCandidate(name, spec, ctx), name, spec, type });
  }
  return out;
}

/** Berry's lockfile does not say dev or prod; a workspace's package.json does. */
function declaredType(name: string, manifest: Manifest | undefined): EdgeType {
  if (manifest === undefined) return 'prod';
  if (manifest.optionalDependencies?.[name] !== undefined) return 'optional';
  if (manifest.dependencies?.[name] === undefined && manifest.devDependencies?.[name] !== undefined) return 'dev';
  return 'prod';
}

/**
 * The entry whose key lists `name@spec`. yarn 2/3 write ranges without the `npm:` that keys carry
 * (`ms: ^2.1.3` -> `ms@npm:^2.1.3`), and relative `file:`/`link:` descriptors are bound to the
 * dependent (`x@file:./x.tgz::locator=app%40workspace%3A.`).
 */
function resolveDescriptor(name: string, spec: string, dependent: string, ctx: Ctx): string | null {
  const d = `${name}@${spec}`;
  return ctx.byDescriptor.get(d) ?? ctx.byDescriptor.get(`${name}@npm:${spec}`) ?? ctx.byDescriptor.get(`${d}::locator=${encodeURIComponent(dependent)}`) ?? null;
}

/**
 * A peer resolves against the dependent's parent, which the lockfile does not record (the virtual
 * instance's hash stands for it). Approximation: the only package of that name, else the highest
 * version that satisfies the peer range; null when none does.
 */
function peerCandidate(name: string, spec: string, ctx: Ctx): string | null {
  const same = ctx.byName.get(name);
  if (same === undefined) return null;
  if (same.length === 1) return same[0]!.key;
  const best = semver.maxSatisfying(same.map((p) => p.version), spec, { loose: true });
  return same.find((p) => p.version === best)?.key ?? null;
}

/** Failsafe-schema YAML: `optional: true` is the string 'true', and any value may be a string, list or null. */
function asMap(value: YamlValue | undefined): YamlMap | undefined {
  return value instanceof Map ? value : undefined;
}

function entryProblem(file: string, line: number | undefined, message: string): Diagnostic {
  return { code: 'yarn-berry/bad-entry', severity: 'warning', message, location: line === undefined ? { file } : { file, line } };
}
