import { isToolError, type Diagnostic, type PackageSource } from '../../core/index.js';
import {
  classifyResolved,
  expandWorkspaces,
  importerFor,
  isRecord,
  lockfileError,
  parseNpmAlias,
  readManifest,
  sniffYarnLockfile,
  splitNameSpec,
  workspacePatterns,
  type Manifest,
} from '../shared/index.js';
import type { LockfileReader, RawEdge, RawGraph, RawImporter, RawPackage, ReadInput, ReadResult } from '../types.js';
import { parseClassicLockfile, type ClassicEntry } from './parse.js';

/**
 * yarn 1 (`# yarn lockfile v1`, parsed by `@yarnpkg/lockfile`: see parse.ts). One entry per
 * resolved package, keyed by every `name@range` that resolved to it; the root and workspaces are
 * not in the file and come from package.json.
 */
export const yarnClassicReader: LockfileReader = {
  id: 'yarn/classic',
  version: 1,
  matches: (file) => file.basename === 'yarn.lock',
  read,
};

const DEP_FIELDS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
] as const;

const MANIFEST_FIELDS = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
] as const;

/** An entry's fields as the library gives them: strings, booleans, numbers and nested objects. */
type Fields = Record<string, unknown>;

interface Entry {
  pkg: RawPackage;
  map: Fields;
}

async function read(input: ReadInput): Promise<ReadResult> {
  const file = input.path;
  const text = await input.fs.readText(file);
  if (sniffYarnLockfile(text) === 'berry') {
    throw lockfileError('format', file, 'this is a yarn berry lockfile (it has a __metadata block), not a yarn 1 one', {
      hint: 'read it with the yarn/berry reader',
    });
  }
  const diagnostics: Diagnostic[] = [];
  const parsed = parseOrExplain(text, file);
  if (parsed.merged) {
    diagnostics.push({
      code: 'yarn-classic/merge-conflict',
      severity: 'warning',
      message: 'yarn.lock has merge-conflict markers; both sides were read and merged, as yarn install would',
      location: { file },
    });
  }
  const { entries, byDescriptor } = collectPackages(parsed.entries, file, diagnostics);
  if (entries.size === 0 && text.trim() !== '' && sniffYarnLockfile(text) === 'unknown') throw notYarn(file, 'and no package entries');
  const edges: RawEdge[] = [];
  for (const { pkg, map } of entries.values()) addPackageEdges(edges, pkg.key, map, byDescriptor);
  const importers = await addImporters(input, edges, byDescriptor, diagnostics);
  const raw: RawGraph = {
    manager: 'yarn-classic',
    formatVersion: '1',
    importers,
    packages: [...entries.values()].map((e) => e.pkg),
    edges,
  };
  return { raw, diagnostics };
}

/** A file that is not yarn 1's at all gets a format error rather than the parser's complaint. */
function parseOrExplain(text: string, file: string) {
  try {
    return parseClassicLockfile(text, file);
  } catch (e) {
    if (isToolError(e) && sniffYarnLockfile(text) === 'unknown') throw notYarn(file, 'and it does not parse as one', e);
    throw e;
  }
}

function notYarn(file: string, why: string, cause?: unknown) {
  return lockfileError('format', file, `not a yarn lockfile: no "# yarn lockfile v1" header, ${why}`, { cause });
}

/** One RawPackage per entry (merged when two entries name the same name@version and tarball). */
function collectPackages(parsed: ClassicEntry[], file: string, diagnostics: Diagnostic[]) {
  const entries = new Map<string, Entry>();
  const byDescriptor = new Map<string, string>();
  for (const { descriptors, line, value } of parsed) {
    const key = descriptors.join(', ');
    if (!isRecord(value)) {
      diagnostics.push(entryProblem(file, line, `"${key}" is not a package entry`));
      continue;
    }
    const version = value['version'];
    if (typeof version !== 'string' || version === '') {
      diagnostics.push(entryProblem(file, line, `"${key}" has no version; skipped`));
      continue;
    }
    const pkg = toPackage(descriptors[0]!, version, value, file, line);
    const existing = entries.get(pkg.key);
    if (existing === undefined) entries.set(pkg.key, { pkg, map: value });
    else if (existing.pkg.resolved !== pkg.resolved) {
      pkg.key = `${pkg.key}::${pkg.resolved ?? 'unresolved'}`; // same name@version from another source
      entries.set(pkg.key, { pkg, map: value });
    }
    for (const d of descriptors) byDescriptor.set(d, pkg.key);
  }
  return { entries, byDescriptor };
}

function toPackage(descriptor: string, version: string, map: Fields, file: string, line: number | undefined): RawPackage {
  const { name: declared, spec } = splitNameSpec(descriptor);
  const name = parseNpmAlias(spec)?.name ?? declared;
  const resolved = stringField(map, 'resolved');
  const pkg: RawPackage = { key: `${name}@${version}`, name, version, source: sourceOf(spec, resolved) };
  if (resolved !== undefined) pkg.resolved = resolved;
  const integrity = stringField(map, 'integrity');
  if (integrity !== undefined) pkg.integrity = integrity;
  pkg.location = line === undefined ? { file } : { file, line };
  return pkg;
}

/**
 * The declared spec says what kind of source it is (a registry tarball URL written as a
 * dependency is still a direct tarball); registry ranges leave it to `resolved`.
 */
export function sourceOf(spec: string, resolved: string | undefined): PackageSource {
  if (!spec.includes(':') && !spec.includes('/')) return classifyResolved(resolved);
  if (spec.startsWith('npm:')) return classifyResolved(resolved);
  if (/^https?:/.test(spec)) return classifyResolved(spec) === 'git' ? 'git' : 'tarball';
  return classifyResolved(spec);
}

function addPackageEdges(edges: RawEdge[], from: string, map: Fields, byDescriptor: Map<string, string>): void {
  for (const [field, type] of DEP_FIELDS) {
    const deps = map[field];
    if (!isRecord(deps)) continue;
    for (const name in deps) {
      const spec = deps[name];
      if (typeof spec !== 'string') continue;
      edges.push({ from, to: byDescriptor.get(`${name}@${spec}`) ?? null, name, spec, type });
    }
  }
}

/** The root and its workspaces, with their declared dependencies resolved through the lockfile. */
async function addImporters(
  input: ReadInput,
  edges: RawEdge[],
  byDescriptor: Map<string, string>,
  diagnostics: Diagnostic[],
): Promise<RawImporter[]> {
  const rootManifest = await readManifest(input.fs, input.root, '');
  if (rootManifest === undefined) {
    diagnostics.push({
      code: 'yarn-classic/no-manifest',
      severity: 'warning',
      message: `${input.root}/package.json is missing or invalid: the root's own dependencies are unknown`,
      location: { file: input.path },
    });
  }
  // Yarn 1 keeps workspaces out of its lockfile: they are the folders with a package.json that
  // the root's globs name on disk.
  const { dirs, unsupported } = await expandWorkspaces(input.fs, input.root, workspacePatterns(rootManifest?.workspaces));
  for (const pattern of unsupported) {
    diagnostics.push({
      code: 'yarn-classic/workspace-glob',
      severity: 'warning',
      message: `workspaces pattern "${pattern}" is not supported (braces, classes and extglobs are not); its workspaces are not inventoried`,
      location: { file: `${input.root}/package.json` },
    });
  }
  const importers: RawImporter[] = [importerFor('', rootManifest)];
  const manifests: Array<Manifest | undefined> = [rootManifest];
  for (const dir of dirs) {
    if ((await input.fs.lstat(`${input.root}/${dir}/package.json`)) === undefined) continue;
    const manifest = await readManifest(input.fs, input.root, dir);
    importers.push(importerFor(dir, manifest));
    manifests.push(manifest);
  }
  const workspaceByName = new Map<string, string>();
  for (const importer of importers) if (importer.path !== '' && importer.name) workspaceByName.set(importer.name, importer.key);
  importers.forEach((importer, i) => addManifestEdges(edges, importer.key, manifests[i], byDescriptor, workspaceByName));
  for (const importer of importers.slice(1)) {
    edges.push({ from: 'importer:', to: importer.key, name: importer.name ?? importer.path, spec: `file:${importer.path}`, type: 'workspace' });
  }
  return importers;
}

function addManifestEdges(
  edges: RawEdge[],
  from: string,
  manifest: Manifest | undefined,
  byDescriptor: Map<string, string>,
  workspaceByName: Map<string, string>,
): void {
  if (manifest === undefined) return;
  const resolvedByName = new Map<string, string>();
  const pending: RawEdge[] = [];
  for (const [field, type] of MANIFEST_FIELDS) {
    const deps = manifest[field];
    if (deps === null || typeof deps !== 'object') continue;
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec !== 'string') continue;
      const to = byDescriptor.get(`${name}@${spec}`) ?? workspaceByName.get(name) ?? null;
      if (to !== null) resolvedByName.set(name, to);
      pending.push({ from, to, name, spec, type });
    }
  }
  // A peer the importer also depends on directly is satisfied by that same package.
  for (const edge of pending) if (edge.to === null && edge.type === 'peer') edge.to = resolvedByName.get(edge.name) ?? null;
  edges.push(...pending);
}

function stringField(map: Fields, key: string): string | undefined {
  const v = map[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function entryProblem(file: string, line: number | undefined, message: string): Diagnostic {
  return { code: 'yarn-classic/bad-entry', severity: 'warning', message, location: line === undefined ? { file } : { file, line } };
}
