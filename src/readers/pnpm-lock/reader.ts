import { posix } from 'node:path';
import type { Diagnostic, EdgeType, ReadonlyFs } from '../../core/index.js';
import { lockfileError, parseYaml, type YamlMap } from '../shared/index.js';
import type { LockfileReader, RawImporter, ReadInput, ReadResult } from '../types.js';
import { styleOfKey, type KeyStyle } from './dep-path.js';
import { addEdge, asMap, checkTargets, map, readPackages, str, type Context } from './packages.js';

/**
 * pnpm-lock.yaml, lockfileVersion 5.x (pnpm 5-7), 6.0 (pnpm 8) and 9.0 (pnpm 9-10), single
 * projects and workspaces. Node keys are pnpm's depPaths as written (one node per peer variant);
 * `link:` dependencies point at importers, or at packages with source 'link' for plain directories.
 */
export const pnpmLockReader: LockfileReader = {
  id: 'pnpm/lock',
  version: 1,
  matches: ({ basename }) => basename === 'pnpm-lock.yaml',
  read,
};

const KNOWN_VERSION = /^(5\.\d+(-inlineSpecifiers)?|6\.[01]|9\.0)$/;

const PARSE_HINT = 'The lockfile is damaged or truncated; regenerate it with `pnpm install --lockfile-only`.';

const IMPORTER_SECTIONS = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
] as const satisfies ReadonlyArray<readonly [string, EdgeType]>;

async function read(input: ReadInput): Promise<ReadResult> {
  const file = input.path;
  const text = await input.fs.readText(file);
  // JSON is YAML too: without this, a package-lock.json saved under this name would be read.
  if (/^\s*\{\s*"/.test(text)) throw lockfileError('format', file, 'a JSON file, not a pnpm lockfile');
  const { doc, sectionLines } = parseYaml(text, file, { sections: ['packages', 'snapshots'], hint: PARSE_HINT });
  const lock = asMap(doc);
  const version = str(lock, 'lockfileVersion');
  if (!lock || version === undefined) {
    throw lockfileError('format', file, 'not a pnpm lockfile (no lockfileVersion)', {
      hint: 'pnpm-lock.yaml must be written by pnpm; regenerate it with `pnpm install --lockfile-only`.',
    });
  }
  const diagnostics: Diagnostic[] = [];
  if (!KNOWN_VERSION.test(version)) {
    diagnostics.push({
      code: 'pnpm-lock/unknown-version',
      severity: 'warning',
      message: `lockfileVersion ${version} is not one chainwatch knows (5.x, 6.0, 9.0); read as best effort`,
      location: { file, line: 1 },
    });
  }
  const style = keyStyle(lock, version);
  const keyLines = { packages: sectionLines.get('packages')!, snapshots: sectionLines.get('snapshots')! };
  const ctx: Context = { file, style, keyLines, packages: [], edges: [], links: [], diagnostics, known: new Set() };
  readPackages(lock, ctx);
  const importers = await readImporters(lock, input, ctx);
  await resolveLinks(importers, input, ctx);
  checkTargets(ctx);
  return { raw: { manager: 'pnpm', formatVersion: version, importers, packages: ctx.packages, edges: ctx.edges }, diagnostics };
}

/** The depPath generation, from the shape when the version is unknown (see dep-path.ts). */
function keyStyle(lock: YamlMap, version: string): KeyStyle {
  if (map(lock, 'snapshots')) return 'v9';
  for (const key of map(lock, 'packages')?.keys() ?? []) if (key.startsWith('/')) return styleOfKey(key);
  const major = Number.parseFloat(version);
  return major >= 9 ? 'v9' : major >= 6 ? 'v6' : 'v5';
}

/**
 * Workspaces list their projects under `importers` (keyed by path, `.` for the root); a single
 * project keeps the same fields at the top level. Each importer's manifest gives its name.
 */
async function readImporters(lock: YamlMap, input: ReadInput, ctx: Context): Promise<RawImporter[]> {
  const listed = map(lock, 'importers');
  const entries: Array<[string, YamlMap]> = listed
    ? [...listed].map(([path, entry]) => [normalizeDir(path), asMap(entry) ?? new Map()])
    : [['', lock]];
  if (!entries.some(([path]) => path === '')) entries.unshift(['', new Map()]);
  const importers = await Promise.all(entries.map(([path]) => importer(path, input)));
  for (const [path, entry] of entries) importerEdges(ctx, `importer:${path}`, entry);
  for (const i of importers) {
    ctx.known.add(i.key);
    if (i.path === '') continue;
    // The root reaches its workspaces through pnpm-workspace.yaml, not a dependency map.
    ctx.edges.push({ from: 'importer:', to: i.key, name: i.name ?? i.path, spec: `link:${i.path}`, type: 'workspace' });
  }
  return importers;
}

async function importer(path: string, input: ReadInput): Promise<RawImporter> {
  const manifest = await readManifest(input.fs, posix.join(input.root, path, 'package.json'));
  return { key: `importer:${path}`, path, ...manifest };
}

/** v6/v9: `name: {specifier, version}`; v5: `name: version` plus a `specifiers` map. */
function importerEdges(ctx: Context, from: string, entry: YamlMap): void {
  const specifiers = map(entry, 'specifiers');
  for (const [section, type] of IMPORTER_SECTIONS) {
    for (const [name, value] of map(entry, section) ?? []) {
      const inline = asMap(value);
      const ref = inline ? str(inline, 'version') : typeof value === 'string' ? value : undefined;
      const spec = (inline ? str(inline, 'specifier') : str(specifiers, name)) ?? ref ?? '';
      addEdge(ctx, from, name, spec, type, ref);
    }
  }
}

/**
 * Points `link:` edges at importers, or at packages with source 'link' for plain directories,
 * named and versioned by their own package.json. Links are relative to the importer declaring
 * them (to the lockfile's directory for packages).
 */
async function resolveLinks(importers: RawImporter[], input: ReadInput, ctx: Context): Promise<void> {
  const importerPaths = new Set(importers.map((i) => i.path));
  const targets = new Map<string, string | null>();
  for (const { edge, path } of ctx.links) {
    const base = edge.from.startsWith('importer:') ? edge.from.slice('importer:'.length) : '';
    const dir = normalizeDir(posix.join(base, path));
    if (importerPaths.has(dir)) {
      edge.to = `importer:${dir}`;
      continue;
    }
    if (!targets.has(dir)) targets.set(dir, await linkPackage(dir, edge.from, edge.name, input, ctx));
    edge.to = targets.get(dir) ?? null;
  }
}

async function linkPackage(dir: string, from: string, name: string, input: ReadInput, ctx: Context): Promise<string | null> {
  const manifest = await readManifest(input.fs, posix.join(input.root, dir, 'package.json'));
  if (manifest.name === undefined || manifest.version === undefined) {
    ctx.diagnostics.push({
      code: 'pnpm-lock/unknown-link-version',
      severity: 'warning',
      message: `${from} links ${name} to ${dir}, which has no package.json with a name and version; skipped`,
      location: { file: ctx.file },
    });
    return null;
  }
  const key = `link:${dir}`;
  ctx.packages.push({ key, name: manifest.name, version: manifest.version, source: 'link', resolved: key });
  ctx.known.add(key);
  return key;
}

/** `.`, `./x/`, `x` -> '', 'x', 'x': the RawImporter path convention. */
function normalizeDir(path: string): string {
  const n = posix.normalize(path).replace(/\/+$/, '');
  return n === '.' ? '' : n;
}

/** name and version of a manifest; nothing when it is missing or unreadable. */
async function readManifest(fs: ReadonlyFs, path: string): Promise<{ name?: string; version?: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readText(path));
  } catch {
    return {};
  }
  const obj = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const name = typeof obj['name'] === 'string' ? obj['name'] : undefined;
  const version = typeof obj['version'] === 'string' ? obj['version'] : undefined;
  return { ...(name === undefined ? {} : { name }), ...(version === undefined ? {} : { version }) };
}
