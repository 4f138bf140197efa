import { join, sep } from 'node:path';
import { isToolError, TaskPool, type Diagnostic, type EdgeType, type PackageManager, type PackageSource, type ReadonlyFs } from '../../core/index.js';
import {
  classifyResolved,
  expandWorkspaces,
  importerFor,
  jsYaml,
  loadManifest,
  lockfileError,
  workspacePatterns,
  type Manifest,
} from '../shared/index.js';
import type { LockfileReader, RawEdge, RawGraph, RawImporter, RawPackage, ReadInput, ReadResult } from '../types.js';

/**
 * The installed tree, read from disk like npm's arborist loadActual: every package folder under
 * `node_modules` (nested copies, scoped folders, pnpm's `.pnpm` store) is a package keyed by its
 * real path relative to the project; links into project directories are importers. Dependencies
 * are resolved the way Node resolves them at run time: from the package's real location up the
 * chain of `node_modules` folders. Nothing outside the project root is ever read.
 */
export const nodeModulesReader: LockfileReader = {
  id: 'fs/node-modules',
  version: 1,
  matches: (file) => file.basename === 'node_modules',
  read: (input) => new TreeReader(input).read(),
};

/** npm < 7 wrote where an installed package came from into its package.json. */
interface InstalledManifest extends Manifest {
  _resolved?: string;
  _integrity?: string;
}

/** A package or importer found on disk, with the manifest its edges come from. */
interface Found {
  key: string;
  dir: string;
  manifest: InstalledManifest;
  importer: boolean;
}

interface HiddenLockEntry {
  resolved?: string;
  integrity?: string;
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;
/** Open files at once: enough to overlap disk latency, few enough to stay clear of EMFILE. */
const MAX_IN_FLIGHT = 64;

class TreeReader {
  private readonly fs: ReadonlyFs;
  private readonly diagnostics: Diagnostic[] = [];
  private rootReal = '';
  private readonly pool = new TaskPool(MAX_IN_FLIGHT);
  /** Real directories whose visit has started: each is read once, so link cycles end. */
  private readonly visited = new Set<string>();
  private readonly found = new Map<string, Found>();
  /** node_modules folder -> its entries (`name` or `@scope/name`) -> the real directory each leads to. */
  private readonly children = new Map<string, Map<string, string>>();
  /** Directory -> the node_modules entry maps Node searches from there, nearest first. */
  private readonly lookupChains = new Map<string, Map<string, string>[]>();
  private hiddenLock: Record<string, HiddenLockEntry> = {};

  constructor(private readonly input: ReadInput) {
    this.fs = input.fs;
  }

  async read(): Promise<ReadResult> {
    const nodeModules = await this.openTree();
    const names = new Set((await this.fs.readdir(nodeModules)).map((e) => e.name));
    const manager = detectManager(names);
    if (names.has('.package-lock.json')) await this.loadHiddenLockfile(join(nodeModules, '.package-lock.json'));

    const rootManifest = await this.readManifest(this.rootReal, 'optional-root');
    this.visited.add(this.rootReal);
    this.addImporter(this.rootReal, rootManifest ?? {});
    for (const dir of await this.workspaceDirs(rootManifest)) this.visitImporter(dir);
    await this.pool.idle();

    this.diagnostics.sort((a, b) => compare(a.message, b.message));
    const raw: RawGraph = { manager, formatVersion: 'node_modules', ...this.assemble() };
    return { raw, diagnostics: this.diagnostics };
  }

  /** Resolves the project root and its node_modules, refusing a tree that is not there. */
  private async openTree(): Promise<string> {
    const { path, root } = this.input;
    this.rootReal = (await this.fs.realpath(root)) ?? root;
    const real = await this.fs.realpath(path);
    const stat = real === undefined ? undefined : await this.fs.lstat(real);
    if (real === undefined || stat?.kind !== 'dir') {
      throw lockfileError('format', path, 'no node_modules directory here', {
        hint: 'run your package manager install first, or drop --installed to read the lockfile',
      });
    }
    if (!this.inside(real)) {
      throw lockfileError('format', path, 'node_modules links outside the project; refusing to read it', {
        hint: 'install into the project itself, or scan the directory the link points to',
      });
    }
    return real;
  }

  // -------------------------------------------------------------------------------------------
  // Discovery. Every step is a task in a bounded pool and no task waits for another, so a cycle
  // of links cannot deadlock and a 50k-folder tree never has 50k pending reads.

  private schedule(task: () => Promise<void>): void {
    this.pool.add(async () => {
      try {
        await task();
      } catch (e) {
        if (!isToolError(e)) throw e;
        this.warn('unreadable', `${messageOf(e)}; skipped`, this.input.path);
      }
    });
  }

  private addImporter(dir: string, manifest: Manifest): void {
    const key = `importer:${this.rel(dir)}`;
    this.found.set(key, { key, dir, manifest, importer: true });
    this.schedule(() => this.walkNestedNodeModules(dir));
  }

  private visitImporter(dir: string): void {
    if (this.visited.has(dir)) return;
    this.visited.add(dir);
    this.schedule(async () => {
      const manifest = await this.readManifest(dir, 'required');
      if (manifest !== undefined) this.addImporter(dir, manifest);
    });
  }

  private visitPackage(dir: string): void {
    if (this.visited.has(dir)) return;
    this.visited.add(dir);
    this.schedule(async () => {
      const manifest = await this.readManifest(dir, 'quiet-if-absent');
      if (manifest === undefined) return;
      const file = this.manifestPath(dir);
      if (typeof manifest.version !== 'string' || manifest.version === '') {
        this.warn('missing-version', `package.json has no version; package skipped`, file);
        return;
      }
      const key = this.rel(dir);
      this.found.set(key, { key, dir, manifest, importer: false });
      await this.walkNestedNodeModules(dir);
    });
  }

  private async walkNestedNodeModules(dir: string): Promise<void> {
    const nodeModules = dir + sep + 'node_modules';
    if ((await this.fs.lstat(nodeModules))?.kind === 'dir') this.schedule(() => this.walkNodeModules(nodeModules));
  }

  /** One `node_modules` folder: package folders, `@scope/` folders, links and pnpm's store. */
  private async walkNodeModules(nodeModules: string): Promise<void> {
    for (const e of await this.list(nodeModules)) {
      const path = nodeModules + sep + e.name;
      if (e.name === '.pnpm' && e.kind === 'dir') this.schedule(() => this.walkPnpmStore(path));
      else if (e.name.startsWith('.')) continue; // .bin, .cache, marker files
      else if (e.name.startsWith('@') && e.kind === 'dir') this.schedule(() => this.walkScope(nodeModules, e.name));
      else this.visitEntry(nodeModules, e.name, e.kind);
    }
  }

  private async walkScope(nodeModules: string, scope: string): Promise<void> {
    for (const e of await this.list(nodeModules + sep + scope)) this.visitEntry(nodeModules, `${scope}/${e.name}`, e.kind);
  }

  /**
   * pnpm keeps each package at `.pnpm/<id>/node_modules/<name>` next to links to its own
   * dependencies, and hoists links into `.pnpm/node_modules`. Both are plain node_modules folders.
   */
  private async walkPnpmStore(store: string): Promise<void> {
    for (const id of await this.list(store)) {
      if (id.kind !== 'dir') continue;
      if (id.name === 'node_modules') this.schedule(() => this.walkNodeModules(store + sep + id.name));
      else this.schedule(() => this.walkNestedNodeModules(store + sep + id.name));
    }
  }

  private visitEntry(nodeModules: string, name: string, kind: string): void {
    const path = nodeModules + sep + (sep === '/' ? name : name.replace('/', sep));
    if (kind === 'dir') {
      this.childrenOf(nodeModules).set(name, path);
      this.visitPackage(path);
    } else if (kind === 'symlink') {
      this.schedule(() => this.visitLink(nodeModules, name, path));
    }
  }

  private childrenOf(nodeModules: string): Map<string, string> {
    let map = this.children.get(nodeModules);
    if (map === undefined) this.children.set(nodeModules, (map = new Map()));
    return map;
  }

  /**
   * A link is followed only inside the project: into node_modules it is the package at the real
   * path (pnpm's store), anywhere else it is a project directory (workspace, `file:`/`link:` dep).
   */
  private async visitLink(nodeModules: string, name: string, link: string): Promise<void> {
    const real = await this.fs.realpath(link);
    if (real === undefined) {
      this.warn('dangling-link', `link target does not exist (or loops); skipped`, link);
      return;
    }
    if (!this.inside(real)) {
      this.warn('link-outside-root', `links to ${real}, outside the project; not followed`, link);
      return;
    }
    this.childrenOf(nodeModules).set(name, real);
    if (isUnderNodeModules(this.rel(real))) this.visitPackage(real);
    else this.visitImporter(real);
  }

  private async list(dir: string): Promise<{ name: string; kind: string }[]> {
    try {
      return await this.fs.readdir(dir);
    } catch (e) {
      this.warn('unreadable', `cannot be listed (${messageOf(e)}); skipped`, dir);
      return [];
    }
  }

  /**
   * Reads `<dir>/package.json`. A folder without one is not a package (quiet unless `required`);
   * an unparseable one is reported and skipped so that one bad file never aborts the tree.
   */
  private async readManifest(dir: string, absent: 'required' | 'quiet-if-absent' | 'optional-root'): Promise<InstalledManifest | undefined> {
    const file = this.manifestPath(dir);
    const loaded = await loadManifest(this.fs, dir + sep + 'package.json');
    if ('manifest' in loaded) return loaded.manifest;
    if (loaded.problem === 'unreadable') this.warn('unreadable', `cannot be read (${loaded.detail}); skipped`, file);
    else if (loaded.problem === 'invalid-json') this.warn('invalid-manifest', `not valid JSON (${loaded.detail}); package skipped`, file);
    else if (loaded.problem === 'not-object') this.warn('invalid-manifest', `not a JSON object; package skipped`, file);
    else if (absent === 'required') this.warn('no-manifest', `linked directory has no package.json; skipped`, file);
    else if (absent === 'optional-root') this.warn('no-manifest', `the project has no package.json`, file);
    return undefined;
  }

  private async loadHiddenLockfile(file: string): Promise<void> {
    try {
      const parsed = JSON.parse(await this.fs.readText(file)) as { packages?: unknown };
      if (parsed.packages && typeof parsed.packages === 'object') this.hiddenLock = parsed.packages as Record<string, HiddenLockEntry>;
    } catch (e) {
      // Only resolved/integrity come from it: the tree itself is still readable.
      this.warn('invalid-hidden-lockfile', `ignored (${messageOf(e)})`, file);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Workspaces (pnpm workspaces are not linked from the root, so they are found from the config)

  private async workspaceDirs(root: Manifest | undefined): Promise<string[]> {
    const patterns = [...workspacePatterns(root?.workspaces), ...(await this.pnpmWorkspacePatterns())];
    // Each is an existing directory inside the project (expandWorkspaces never leads out of it).
    const { dirs } = await expandWorkspaces(this.fs, this.rootReal, patterns);
    const reals = await Promise.all(dirs.map((dir) => this.fs.realpath(join(this.rootReal, dir))));
    return reals.filter((real): real is string => real !== undefined);
  }

  private async pnpmWorkspacePatterns(): Promise<string[]> {
    const file = join(this.rootReal, 'pnpm-workspace.yaml');
    if ((await this.fs.lstat(file)) === undefined) return [];
    try {
      const doc = jsYaml().load(await this.fs.readText(file)) as { packages?: unknown } | null;
      const packages = doc?.packages;
      return Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
    } catch (e) {
      this.warn('invalid-workspace-config', `ignored (${messageOf(e)})`, file);
      return [];
    }
  }

  // -------------------------------------------------------------------------------------------
  // Output

  private assemble(): Pick<RawGraph, 'importers' | 'packages' | 'edges'> {
    const nodes = [...this.found.values()].sort((a, b) => compare(a.key, b.key));
    const keyByDir = new Map(nodes.map((n) => [n.dir, n.key]));
    const importers: RawImporter[] = [];
    const packages: RawPackage[] = [];
    const edges: RawEdge[] = [];
    for (const node of nodes) {
      if (node.importer) importers.push(importerFor(this.rel(node.dir), node.manifest));
      else packages.push(this.toPackage(node));
      for (const dep of declaredDeps(node)) {
        const target = this.resolve(node.dir, dep.name, keyByDir);
        const type: EdgeType = target?.startsWith('importer:') ? 'workspace' : dep.type;
        edges.push({ from: node.key, to: target, name: dep.name, spec: dep.spec, type });
      }
    }
    markBundled(packages, this.found);
    return { importers, packages, edges };
  }

  private toPackage(node: Found): RawPackage {
    const m = node.manifest;
    const lock = this.hiddenLock[node.key];
    const resolved = str(m._resolved) ?? str(lock?.resolved);
    const integrity = str(m._integrity) ?? str(lock?.integrity);
    const name = typeof m.name === 'string' && m.name !== '' ? m.name : folderName(node.key);
    const pkg: RawPackage = {
      key: node.key,
      name,
      version: m.version as string,
      source: resolved !== undefined ? classifyResolved(resolved) : pnpmSource(node.key),
      location: { file: this.manifestPath(node.dir) },
    };
    if (resolved !== undefined) pkg.resolved = resolved;
    if (integrity !== undefined) pkg.integrity = integrity;
    if (hasInstallScript(m)) pkg.hasInstallScript = true;
    return pkg;
  }

  /** Node's lookup: `<dir>/node_modules/<name>` for `dir` and each ancestor up to the root. */
  private resolve(from: string, name: string, keyByDir: Map<string, string>): string | null {
    for (const entries of this.lookupChain(from)) {
      const real = entries.get(name);
      if (real !== undefined) return keyByDir.get(real) ?? null;
    }
    return null;
  }

  /** Built once per directory from its parent's chain: resolution stays linear in the edges. */
  private lookupChain(dir: string): Map<string, string>[] {
    let chain = this.lookupChains.get(dir);
    if (chain !== undefined) return chain;
    const cut = dir.lastIndexOf(sep);
    const parent = dir === this.rootReal || cut <= 0 ? [] : this.lookupChain(dir.slice(0, cut));
    const own = dir.slice(cut + 1) === 'node_modules' ? undefined : this.children.get(dir + sep + 'node_modules');
    chain = own === undefined ? parent : [own, ...parent];
    this.lookupChains.set(dir, chain);
    return chain;
  }

  // -------------------------------------------------------------------------------------------
  // Paths and diagnostics

  private inside(real: string): boolean {
    return real === this.rootReal || real.startsWith(this.rootReal.endsWith(sep) ? this.rootReal : this.rootReal + sep);
  }

  /** Project-relative, '/'-separated. */
  private rel(real: string): string {
    if (real === this.rootReal) return '';
    const rest = real.slice(this.rootReal.length + (this.rootReal.endsWith(sep) ? 0 : 1));
    return sep === '/' ? rest : rest.split(sep).join('/');
  }

  /** The path the user knows: under the root they gave, not its resolved real path. */
  private manifestPath(dir: string): string {
    const rel = this.rel(dir);
    const base = this.input.root.endsWith(sep) ? this.input.root : this.input.root + sep;
    return rel === '' ? base + 'package.json' : base + (sep === '/' ? rel : rel.split('/').join(sep)) + sep + 'package.json';
  }

  private warn(code: string, message: string, file: string): void {
    this.diagnostics.push({ code: `node-modules/${code}`, message, severity: 'warning', location: { file } });
  }
}

// ---------------------------------------------------------------------------------------------
// Pure helpers

/** Marker files each manager leaves in the root node_modules; npm's layout is the fallback. */
function detectManager(names: Set<string>): PackageManager {
  if (names.has('.pnpm')) return 'pnpm';
  if (names.has('.yarn-state.yml')) return 'yarn-berry';
  if (names.has('.package-lock.json')) return 'npm';
  if (names.has('.yarn-integrity')) return 'yarn-classic';
  return 'npm';
}

interface DeclaredDep {
  name: string;
  spec: string;
  type: EdgeType;
}

/**
 * One edge per dependency name. A name declared in several fields gets the strongest install
 * semantics: optional over prod (npm installs it as optional), prod over dev, any of those over
 * peer. devDependencies count only for importers: an installed package's dev deps are not installed.
 */
function declaredDeps(node: Found): DeclaredDep[] {
  const m = node.manifest;
  const byName = new Map<string, DeclaredDep>();
  const add = (field: unknown, type: (name: string) => EdgeType) => {
    if (field === null || typeof field !== 'object') return;
    for (const [name, spec] of Object.entries(field as Record<string, unknown>)) {
      if (typeof spec === 'string') byName.set(name, { name, spec, type: type(name) });
    }
  };
  const meta = m.peerDependenciesMeta && typeof m.peerDependenciesMeta === 'object' ? m.peerDependenciesMeta : {};
  add(m.peerDependencies, (name) => (meta[name]?.optional === true ? 'peerOptional' : 'peer'));
  if (node.importer) add(m.devDependencies, () => 'dev');
  add(m.dependencies, () => 'prod');
  add(m.optionalDependencies, () => 'optional');
  return [...byName.values()].sort((a, b) => compare(a.name, b.name));
}

/**
 * npm ships bundleDependencies inside the dependent's tarball: a package is bundled when the
 * package whose node_modules holds it lists it, or when that package is itself bundled.
 * Parents come first because their keys are prefixes of their children's.
 */
function markBundled(packages: RawPackage[], found: Map<string, Found>): void {
  const bundledKeys = new Set<string>();
  for (const pkg of packages) {
    const cut = pkg.key.lastIndexOf('/node_modules/');
    if (cut === -1) continue;
    const parentKey = pkg.key.slice(0, cut);
    const parent = found.get(parentKey);
    if (parent === undefined || parent.importer) continue;
    if (bundledKeys.has(parentKey) || bundles(parent.manifest, folderName(pkg.key))) {
      bundledKeys.add(pkg.key);
      pkg.bundled = true;
    }
  }
}

function bundles(m: Manifest, name: string): boolean {
  const list = m.bundleDependencies ?? m.bundledDependencies;
  if (list === true) return m.dependencies !== undefined && Object.hasOwn(m.dependencies, name);
  return Array.isArray(list) && list.includes(name);
}

function hasInstallScript(m: Manifest): boolean {
  const scripts = m.scripts;
  if (scripts === null || typeof scripts !== 'object') return false;
  return INSTALL_SCRIPTS.some((s) => typeof scripts[s] === 'string' && scripts[s] !== '');
}

/**
 * pnpm records no resolution on disk except in the store folder's name:
 * `.pnpm/is-even@https+++host+...tgz/`, `.pnpm/x@file+vendor+x.tgz/`, `.pnpm/y@git+...`.
 */
function pnpmSource(key: string): PackageSource {
  const m = /^node_modules\/\.pnpm\/((?:@[^/+]+\+)?[^/@]+)@([^/]+)\/node_modules\//.exec(key);
  const ref = m?.[2];
  if (ref === undefined) return 'registry';
  if (ref.startsWith('file+')) return 'file';
  if (ref.startsWith('link+')) return 'link';
  if (ref.startsWith('git+') || ref.startsWith('github+') || ref.includes('+git+')) return 'git';
  if (ref.startsWith('https+') || ref.startsWith('http+')) return 'tarball';
  return 'registry';
}

/** The folder a package sits in: the part after the last `node_modules/` (with its scope). */
function folderName(key: string): string {
  const cut = key.lastIndexOf('node_modules/');
  return cut === -1 ? key : key.slice(cut + 'node_modules/'.length);
}

function isUnderNodeModules(rel: string): boolean {
  return rel === 'node_modules' || rel.startsWith('node_modules/') || rel.includes('/node_modules/') || rel.endsWith('/node_modules');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
