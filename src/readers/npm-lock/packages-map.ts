import type { Diagnostic } from '../../core/index.js';
import { classifyResolved, importerFor, LineIndex, workspaceMatcher, workspacePatterns, type Manifest } from '../shared/index.js';
import type { RawEdge, RawImporter, RawPackage } from '../types.js';
import { asObject, asString, forEachDeclared, KeyLocator, type JsonObject } from './json-util.js';

/**
 * lockfileVersion 2 and 3: the flat `packages` map keyed by install location.
 * - `""` is the root; other keys without a node_modules segment are directories: workspaces
 *   (importers) when the root's `workspaces` globs match them, otherwise targets of `file:` links
 *   (packages with source 'link').
 * - `link: true` entries are symlinks in node_modules; they are not packages, an edge that lands
 *   on one points at its target (`resolved` is the target directory).
 * - Dependencies resolve like node's require: `<dir>/node_modules/<name>`, walking up the dirs.
 */
export interface FlatResult {
  importers: RawImporter[];
  packages: RawPackage[];
  edges: RawEdge[];
  diagnostics: Diagnostic[];
}

interface Declarer {
  key: string;
  location: string;
  entry: JsonObject;
}

export function readPackagesMap(packages: JsonObject, text: string, file: string): FlatResult {
  const out: FlatResult = { importers: [], packages: [], edges: [], diagnostics: [] };
  const rootEntry = asObject(packages['']) ?? {};
  const isWorkspace = workspaceMatcher(workspacePatterns(rootEntry['workspaces']));
  /** directory (importer or link target) -> its key, for links to resolve to */
  const keyAt = new Map<string, string>();
  const installs = new InstallIndex();
  const declarers: Declarer[] = [];
  const locator = new KeyLocator(text, text.indexOf('"packages"'));
  const lines = new LineIndex(text);

  for (const location of Object.keys(packages)) {
    const entry = asObject(packages[location]);
    if (!entry) {
      out.diagnostics.push(entryProblem(file, location, 'is not an object'));
      continue;
    }
    if (entry['link'] === true) {
      installs.add(location, { linkTo: asString(entry['resolved']) ?? '' });
      continue;
    }
    const installed = location === 'node_modules' || location.startsWith('node_modules/') || location.includes('/node_modules/');
    if (location === '' || (!installed && isWorkspace(location))) {
      // An importer entry carries the workspace's name and version, as its package.json does.
      const importer = importerFor(location, entry as Manifest);
      out.importers.push(importer);
      keyAt.set(location, importer.key);
      declarers.push({ key: importer.key, location, entry });
      continue;
    }
    const version = asString(entry['version']);
    const offset = locator.offsetOf(location);
    if (!version) {
      out.diagnostics.push(entryProblem(file, location, 'has no version; skipped', offset === undefined ? undefined : lines.lineAt(offset)));
      continue;
    }
    const pkg = toPackage(location, entry, version, installed);
    if (offset !== undefined) pkg.location = { file, line: lines.lineAt(offset) };
    out.packages.push(pkg);
    if (installed) installs.add(location, { key: pkg.key });
    else keyAt.set(location, pkg.key);
    declarers.push({ key: pkg.key, location, entry });
  }

  const resolve = (from: string, name: string): string | null => {
    const found = installs.lookup(from, name);
    if (found === undefined) return null;
    return found.key ?? keyAt.get(found.linkTo!) ?? null;
  };
  for (const d of declarers) addEdges(out.edges, d, resolve);
  addWorkspaceEdges(out.edges, out.importers);
  return out;
}

function toPackage(location: string, entry: JsonObject, version: string, installed: boolean): RawPackage {
  const resolved = asString(entry['resolved']);
  // An alias (`node_modules/lodash-legacy`) records the real name in `name`.
  const name = asString(entry['name']) ?? nameFromLocation(location);
  const pkg: RawPackage = {
    key: location,
    name,
    version,
    source: installed ? classifyResolved(resolved) : 'link',
  };
  if (resolved !== undefined) pkg.resolved = resolved;
  const integrity = asString(entry['integrity']);
  if (integrity !== undefined) pkg.integrity = integrity;
  if (entry['inBundle'] === true) pkg.bundled = true;
  if (entry['hasInstallScript'] === true) pkg.hasInstallScript = true;
  return pkg;
}

/** `node_modules/a/node_modules/@s/b` -> `@s/b`; a link target directory -> its last segment. */
function nameFromLocation(location: string): string {
  const at = location.lastIndexOf('node_modules/');
  if (at !== -1) return location.slice(at + 'node_modules/'.length);
  return location.slice(location.lastIndexOf('/') + 1);
}

/**
 * Where each name is installed, to resolve a dependency the way node's require does: from the
 * dependent's directory up, the nearest `<dir>/node_modules/<name>` wins. Indexed by name so a
 * lookup compares a few candidate directories instead of building a path string per level.
 */
class InstallIndex {
  private readonly byName = new Map<string, Install[]>();

  add(location: string, what: { key: string } | { linkTo: string }): void {
    const name = nameFromLocation(location);
    const dirEnd = location.length - name.length - 'node_modules/'.length;
    const dir = dirEnd <= 0 ? '' : location.slice(0, dirEnd - 1);
    // One object shape for every install (no spread): this runs once per lockfile entry.
    const install: Install = 'key' in what ? { dir, key: what.key, linkTo: undefined } : { dir, key: undefined, linkTo: what.linkTo };
    const list = this.byName.get(name);
    if (list) list.push(install);
    else this.byName.set(name, [install]);
  }

  /** What `from` sees for `name`: the candidate in its deepest ancestor directory. */
  lookup(from: string, name: string): Install | undefined {
    const candidates = this.byName.get(name);
    if (candidates === undefined) return undefined;
    let best: Install | undefined;
    for (const c of candidates) {
      if ((best === undefined || c.dir.length > best.dir.length) && isSameOrInside(from, c.dir)) best = c;
    }
    return best;
  }
}

/** A package installed at `<dir>/node_modules/<name>` (key) or a link there to a directory (linkTo). */
interface Install {
  dir: string;
  key: string | undefined;
  linkTo: string | undefined;
}

function isSameOrInside(path: string, dir: string): boolean {
  if (dir === '') return true;
  return path.startsWith(dir) && (path.length === dir.length || path.charCodeAt(dir.length) === 47 /* / */);
}

function addEdges(edges: RawEdge[], d: Declarer, resolve: (from: string, name: string) => string | null): void {
  forEachDeclared(d.entry, (name, spec, type) => {
    edges.push({ from: d.key, to: resolve(d.location, name), name, spec, type });
  });
}

/**
 * The root depends on each workspace through its `workspaces` field, not a dependency map;
 * arborist models that as a 'workspace' edge with a `file:` spec, and so do we.
 */
function addWorkspaceEdges(edges: RawEdge[], importers: RawImporter[]): void {
  for (const importer of importers) {
    if (importer.path === '') continue;
    const name = importer.name ?? importer.path.slice(importer.path.lastIndexOf('/') + 1);
    edges.push({ from: 'importer:', to: importer.key, name, spec: `file:${importer.path}`, type: 'workspace' });
  }
}

function entryProblem(file: string, location: string, what: string, line?: number): Diagnostic {
  return {
    code: 'npm-lock/bad-entry',
    severity: 'warning',
    message: `packages["${location}"] ${what}`,
    location: line === undefined ? { file } : { file, line },
  };
}
