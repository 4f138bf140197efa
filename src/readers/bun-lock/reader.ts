import type { Diagnostic, EdgeType, PackageSource } from '../../core/index.js';
import { LineIndex, jsonErrorPosition, lockfileError } from '../shared/index.js';
import type { LockfileReader, RawEdge, RawGraph, RawImporter, RawPackage, ReadInput, ReadResult } from '../types.js';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { toStrictJson } from './jsonc.js';

/**
 * bun.lock (text, bun >= 1.1.39). Shape, as bun writes it:
 *   { lockfileVersion, workspaces: { "<path>": { name, version, dependencies, ... } },
 *     packages: { "<install path>": [ "<name>@<resolution>", ...rest ] } }
 * The key of a package is where it sits in the hoisted node_modules tree ("debug/ms" is
 * node_modules/debug/node_modules/ms); the first tuple element names the real package, so an
 * alias is the key `lodash-legacy` with `lodash@4.17.15`. The rest of the tuple depends on the
 * resolution (bun's src/install/lockfile/bun.lock.zig):
 *   npm        [id, registry ('' = default), info, integrity]
 *   link/file  [id, info]
 *   tarball    [id, info, integrity?]        (remote URL or local .tgz path)
 *   git        [id, info, bun-tag, integrity?]
 *   workspace  [id]  (v0: [id, info]; the workspace's dependencies are in "workspaces" anyway)
 *   root       [id, { bin }]
 * Versions 1 and 2 have the same content (2 only adds checks bun makes when loading); in 0 the
 * workspace entries also carry their dependencies and workspace specs are written as paths.
 */
const KNOWN_VERSIONS = new Set([0, 1, 2]);

const DEPENDENCY_GROUPS: readonly (readonly [field: string, type: EdgeType])[] = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

type Json = Record<string, unknown>;

type Resolution =
  | { kind: 'workspace'; path: string }
  | { kind: 'root' }
  | { kind: 'package'; source: PackageSource; version: string; resolved?: string; shape: TupleShape };

/** Where the info object and the integrity sit in a package's tuple. */
interface TupleShape {
  info: number;
  integrity?: number;
}

export const bunLockReader: LockfileReader = {
  id: 'bun/lock',
  version: 1,
  matches: ({ basename }) => basename === 'bun.lock' || basename === 'bun.lockb',
  async read(input: ReadInput): Promise<ReadResult> {
    if (input.path.endsWith('.lockb')) {
      throw lockfileError('unsupported', input.path, 'bun.lockb is a binary lockfile chainwatch cannot read', {
        hint: 'run `bun install --save-text-lockfile` to write bun.lock, then run chainwatch again',
      });
    }
    const text = await input.fs.readText(input.path);
    return new BunLockParser(input.path, text).parse();
  },
};

class BunLockParser {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly importers: RawImporter[] = [];
  private readonly packages: RawPackage[] = [];
  private readonly edges: RawEdge[] = [];
  private readonly importerKeys = new Set<string>();
  /**
   * The hoisted tree: install path -> child name -> graph key, and install path -> parent path.
   * Resolving walks these maps with the strings already in hand, so a lookup never builds a
   * `<path>/<name>` string (on a 50k-package lockfile that concatenation dominated the time).
   */
  private readonly children = new Map<string, Map<string, string>>();
  private readonly parents = new Map<string, string>();
  private readonly lines: LineIndex;
  private packageKeyOffsets = new Map<string, number>();

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  parse(): ReadResult {
    const doc = this.parseDocument();
    const formatVersion = this.checkVersion(doc.lockfileVersion);
    const workspaces = objectField(doc, 'workspaces') ?? {};
    const packages = objectField(doc, 'packages') ?? {};

    const workspaceNames = this.readImporters(workspaces);
    const packageInfo = this.readPackages(packages);
    this.linkImporters(workspaces, workspaceNames);
    for (const [bunPath, info] of packageInfo) this.linkDependencies(bunPath, bunPath, info);

    const raw: RawGraph = { manager: 'bun', formatVersion, importers: this.importers, packages: this.packages, edges: this.edges };
    return { raw, diagnostics: this.diagnostics };
  }

  private parseDocument(): Json {
    const { json, packageKeyOffsets } = toStrictJson(this.text);
    let doc: unknown;
    try {
      doc = JSON.parse(json);
    } catch (e) {
      const line = this.syntaxErrorLine(e);
      throw lockfileError('parse', this.file, `invalid bun.lock: ${(e as Error).message}`, { line, cause: e });
    }
    if (!isObject(doc)) throw lockfileError('format', this.file, 'not a bun lockfile: expected a JSON object');
    // bun itself refuses a bun.lock without "workspaces" (it always writes the root there).
    if (!isObject(doc.workspaces)) throw lockfileError('format', this.file, 'not a bun lockfile: no "workspaces" object');
    if (doc.packages !== undefined && !isObject(doc.packages)) {
      throw lockfileError('format', this.file, 'not a bun lockfile: "packages" is not an object');
    }
    this.packageKeyOffsets = packageKeyOffsets;
    return doc;
  }

  /**
   * V8 gives no position for many syntax errors ("Unexpected token"), so on this error path only
   * jsonc-parser locates the first one. Offsets are the same in `json` and `text`.
   */
  private syntaxErrorLine(error: unknown): number | undefined {
    const errors: ParseError[] = [];
    parseJsonc(this.text, errors, { allowTrailingComma: true, disallowComments: false });
    const offset = errors[0]?.offset;
    if (offset !== undefined) return this.lines.lineAt(offset);
    return jsonErrorPosition(this.text, error)?.line;
  }

  private checkVersion(version: unknown): string {
    if (typeof version === 'number' && KNOWN_VERSIONS.has(version)) return String(version);
    this.warn('bun-lock/unknown-version', 1, `unknown lockfileVersion ${JSON.stringify(version) ?? 'undefined'}; read as version 1, results may be incomplete`);
    if (version === undefined) return '';
    // JSON.stringify, not String(): a parsed object may carry a "toString" key.
    return typeof version === 'string' ? version : JSON.stringify(version);
  }

  /** The root ('') and every workspace; returns importer key -> the workspace's name. */
  private readImporters(workspaces: Json): Map<string, string> {
    const names = new Map<string, string>();
    this.importers.push({ key: 'importer:', path: '' });
    this.importerKeys.add('importer:');
    for (const path of Object.keys(workspaces)) {
      const ws = workspaces[path];
      if (!isObject(ws)) {
        this.warn('bun-lock/bad-entry', 1, `workspace "${path}" is not an object; skipped`);
        continue;
      }
      const importer: RawImporter = path === '' ? this.importers[0]! : { key: `importer:${path}`, path };
      if (typeof ws.name === 'string') importer.name = ws.name;
      if (typeof ws.version === 'string') importer.version = ws.version;
      if (path !== '') this.importers.push(importer);
      if (path !== '') this.importerKeys.add(importer.key);
      // A workspace's own node_modules is keyed by its name ("@mono/lib/debug").
      if (path !== '' && importer.name !== undefined) names.set(importer.key, importer.name);
    }
    return names;
  }

  /** Adds a RawPackage per entry; returns the info object of each, for the edge pass. */
  private readPackages(packages: Json): Map<string, Json> {
    const infos = new Map<string, Json>();
    for (const bunPath of Object.keys(packages)) {
      const line = this.lineOf(bunPath);
      const entry = packages[bunPath];
      const id = Array.isArray(entry) ? entry[0] : undefined;
      if (typeof id !== 'string') {
        this.warn('bun-lock/bad-entry', line, `package "${bunPath}" is not a ["name@resolution", ...] array; skipped`);
        continue;
      }
      const { name, res } = splitId(id);
      if (name === '' || res === '') {
        this.warn('bun-lock/missing-version', line, `package "${bunPath}" has no version ("${id}"); skipped`);
        continue;
      }
      const resolution = classify(res);
      if (resolution.kind === 'root') continue;
      if (resolution.kind === 'workspace') {
        this.addWorkspaceEntry(bunPath, resolution.path, line);
        continue;
      }
      const info = this.addPackage(bunPath, name, resolution, entry as unknown[], line);
      if (info) infos.set(bunPath, info);
    }
    return infos;
  }

  private addWorkspaceEntry(bunPath: string, path: string, line: number | undefined): void {
    const key = `importer:${path}`;
    if (this.importerKeys.has(key)) this.noteInstallPath(bunPath, key);
    else this.warn('bun-lock/unknown-workspace', line, `package "${bunPath}" points to workspace "${path}", which "workspaces" does not list`);
  }

  private addPackage(
    bunPath: string,
    name: string,
    res: Extract<Resolution, { kind: 'package' }>,
    tuple: unknown[],
    line: number | undefined,
  ): Json | undefined {
    const pkg: RawPackage = { key: bunPath, name, version: res.version, source: res.source };
    const resolved = res.resolved ?? (res.source === 'registry' ? nonEmptyString(tuple[1]) : undefined);
    if (resolved !== undefined) pkg.resolved = resolved;
    const integrity = res.shape.integrity === undefined ? undefined : nonEmptyString(tuple[res.shape.integrity]);
    if (integrity !== undefined) pkg.integrity = integrity;
    const info = tuple[res.shape.info];
    if (isObject(info) && info.bundled === true) pkg.bundled = true;
    pkg.location = line === undefined ? { file: this.file } : { file: this.file, line };
    this.packages.push(pkg);
    this.noteInstallPath(bunPath, bunPath);
    if (info === undefined || isObject(info)) return info;
    this.warn('bun-lock/bad-entry', line, `package "${bunPath}" has no dependency object; its dependencies are unknown`);
    return undefined;
  }

  private linkImporters(workspaces: Json, workspaceNames: Map<string, string>): void {
    for (const importer of this.importers) {
      const ws = workspaces[importer.path];
      if (!isObject(ws)) continue;
      // The root's node_modules is the top level; a workspace's is keyed by its name.
      this.linkDependencies(importer.key, workspaceNames.get(importer.key) ?? '', ws);
      if (importer.path !== '') {
        this.edges.push({ from: 'importer:', to: importer.key, name: importer.name ?? importer.path, spec: `workspace:${importer.path}`, type: 'workspace' });
      }
    }
  }

  /** One edge per declared dependency, resolved the way bun's hoisted layout does. */
  private linkDependencies(from: string, bunPath: string, info: Json): void {
    const optionalPeers = Array.isArray(info.optionalPeers) ? new Set(info.optionalPeers) : undefined;
    for (const [field, groupType] of DEPENDENCY_GROUPS) {
      const deps = info[field];
      if (!isObject(deps)) continue;
      for (const name of Object.keys(deps)) {
        const spec = deps[name];
        if (typeof spec !== 'string') continue;
        const type = groupType === 'peer' && optionalPeers?.has(name) ? 'peerOptional' : groupType;
        this.edges.push({ from, to: this.resolve(bunPath, name), name, spec, type });
      }
    }
  }

  /** `<path>/<name>`, then the same from each ancestor install path, then top-level `<name>`. */
  private resolve(bunPath: string, name: string): string | null {
    let base = bunPath;
    for (;;) {
      const hit = this.children.get(base)?.get(name);
      if (hit !== undefined) return hit;
      if (base === '') return null;
      base = this.parents.get(base) ?? parentInstallPath(base);
    }
  }

  private noteInstallPath(bunPath: string, graphKey: string): void {
    const parent = parentInstallPath(bunPath);
    this.parents.set(bunPath, parent);
    let siblings = this.children.get(parent);
    if (siblings === undefined) this.children.set(parent, (siblings = new Map()));
    siblings.set(parent === '' ? bunPath : bunPath.slice(parent.length + 1), graphKey);
  }

  private lineOf(bunPath: string): number | undefined {
    const offset = this.packageKeyOffsets.get(bunPath);
    return offset === undefined ? undefined : this.lines.lineAt(offset);
  }

  private warn(code: string, line: number | undefined, message: string): void {
    this.diagnostics.push({
      code,
      severity: 'warning',
      message,
      location: line === undefined ? { file: this.file } : { file: this.file, line },
    });
  }
}

/** `@scope/pkg@1.0.0` -> name `@scope/pkg`, res `1.0.0`; a missing `@` leaves res empty. */
function splitId(id: string): { name: string; res: string } {
  const at = id.indexOf('@', id.startsWith('@') ? 1 : 0);
  if (at === -1) return { name: id, res: '' };
  return { name: id.slice(0, at), res: id.slice(at + 1) };
}

/**
 * What a resolution string says about the package. Non-registry packages have no version in
 * bun.lock; like `bun pm ls`, we use the resolution (a folder's path without `file:`).
 */
function classify(res: string): Resolution {
  if (res.startsWith('workspace:')) return { kind: 'workspace', path: res.slice('workspace:'.length) };
  if (res.startsWith('root:')) return { kind: 'root' };
  if (res.startsWith('link:')) return { kind: 'package', source: 'link', version: res, resolved: res, shape: { info: 1 } };
  if (res.startsWith('file:')) return { kind: 'package', source: 'file', version: res.slice('file:'.length), resolved: res, shape: { info: 1 } };
  if (res.startsWith('git+') || res.startsWith('github:')) {
    return { kind: 'package', source: 'git', version: res, resolved: res, shape: { info: 1, integrity: 3 } };
  }
  if (res.startsWith('http://') || res.startsWith('https://')) {
    return { kind: 'package', source: 'tarball', version: res, resolved: res, shape: { info: 1, integrity: 2 } };
  }
  if (isLocalTarball(res)) return { kind: 'package', source: 'file', version: res, resolved: res, shape: { info: 1, integrity: 2 } };
  return { kind: 'package', source: 'registry', version: res, shape: { info: 2, integrity: 3 } };
}

function isLocalTarball(res: string): boolean {
  return res.endsWith('.tgz') || res.endsWith('.tar.gz') || res.endsWith('.tar') || res.startsWith('.') || res.startsWith('/');
}

/** Install path of the package that contains `path`: `a/@s/b/c` -> `a/@s/b`, `@s/b` -> ''. */
function parentInstallPath(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return '';
  const prev = path.lastIndexOf('/', slash - 1);
  if (path.charCodeAt(prev + 1) !== 64 /* @: the last name is scoped, drop both segments */) return path.slice(0, slash);
  return prev === -1 ? '' : path.slice(0, prev);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectField(doc: Json, field: string): Json | undefined {
  const value = doc[field];
  return isObject(value) ? value : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
