import type { ReadonlyFs } from '../../core/index.js';
import type { RawImporter } from '../types.js';

/**
 * Workspaces as every reader sees them: the package.json fields readers look at, the root's
 * `workspaces` globs, and their expansion to project directories. One glob dialect for all:
 * - `*` matches within one path segment, `?` one character of it;
 * - `**` as a whole segment matches zero or more segments (`a/**` is `a` and all below it,
 *   `a/**\/b` matches `a/b`); inside a segment it is a plain `*`, as in node-glob;
 * - a leading `!` excludes what it matches; `./` prefixes and trailing `/` are ignored.
 * Braces, character classes and extglobs are not supported: such patterns match nothing and
 * are returned as `unsupported` so a reader can say so.
 */

/** A package.json as far as the readers look at it. Every field is untrusted: check before use. */
export interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bundleDependencies?: string[] | boolean;
  bundledDependencies?: string[] | boolean;
  scripts?: Record<string, unknown>;
  /** An array of globs, or yarn's `{ packages: [...] }`: read it with workspacePatterns(). */
  workspaces?: unknown;
}

/** A package.json read from disk, or why there is none. */
export type ManifestLoad =
  | { manifest: Manifest }
  | { problem: 'absent' }
  | { problem: 'unreadable' | 'invalid-json'; detail: string }
  | { problem: 'not-object' };

/** `**` descends at most this deep below where it stands (monorepos nest packages a few levels). */
export const MAX_GLOB_DEPTH = 6;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads and parses the package.json at `file`; never throws. */
export async function loadManifest(fs: ReadonlyFs, file: string): Promise<ManifestLoad> {
  let text: string;
  try {
    text = await fs.readText(file);
  } catch (e) {
    // Distinguish "no package.json" (often expected) from one that exists but cannot be read.
    return (await fs.lstat(file)) === undefined ? { problem: 'absent' } : { problem: 'unreadable', detail: messageOf(e) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { problem: 'invalid-json', detail: messageOf(e) };
  }
  return isRecord(parsed) ? { manifest: parsed as Manifest } : { problem: 'not-object' };
}

/** `<root>/<dir>/package.json` ('' is the root); undefined when it is missing or unusable. */
export async function readManifest(fs: ReadonlyFs, root: string, dir: string): Promise<Manifest | undefined> {
  const loaded = await loadManifest(fs, dir === '' ? `${root}/package.json` : `${root}/${dir}/package.json`);
  return 'manifest' in loaded ? loaded.manifest : undefined;
}

/** The importer for a project directory ('' is the root), named by its package.json if any. */
export function importerFor(path: string, manifest: Manifest | undefined): RawImporter {
  const importer: RawImporter = { key: `importer:${path}`, path };
  if (typeof manifest?.name === 'string') importer.name = manifest.name;
  if (typeof manifest?.version === 'string') importer.version = manifest.version;
  return importer;
}

/** The string patterns of a `workspaces` field: an array, or `{ packages: [...] }` (yarn, npm). */
export function workspacePatterns(field: unknown): string[] {
  const list = Array.isArray(field) ? field : isRecord(field) ? field['packages'] : undefined;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

/** A compiled pattern: the whole-path RegExp and its segments, for walking a disk. */
interface Glob {
  regex: RegExp;
  segments: Segment[];
}

/** A literal directory name, `**`, or a RegExp for one name. */
type Segment = string | typeof GLOBSTAR | RegExp;
const GLOBSTAR = Symbol('**');

export interface WorkspaceGlobs {
  include: Glob[];
  exclude: Glob[];
  /** Patterns (as written) with syntax this dialect does not support; they match nothing. */
  unsupported: string[];
}

/** Compiles patterns once, so matching a path is one RegExp test per pattern. */
export function compileWorkspaceGlobs(patterns: readonly string[]): WorkspaceGlobs {
  const out: WorkspaceGlobs = { include: [], exclude: [], unsupported: [] };
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const body = negated ? raw.slice(1) : raw;
    if (UNSUPPORTED.test(body)) out.unsupported.push(raw);
    else (negated ? out.exclude : out.include).push(compileGlob(body));
  }
  return out;
}

/** Braces, character classes and extglobs (`@(a|b)`, `+(x)`...). */
const UNSUPPORTED = /[{}[\]]|[@+!*?]\(/;

/** Whether a '/'-separated project path is a workspace: some include matches and no exclude does. */
export function workspaceMatcher(patterns: readonly string[]): (dir: string) => boolean {
  const { include, exclude } = compileWorkspaceGlobs(patterns);
  if (include.length === 0) return () => false;
  return (dir) => matchesAny(include, dir) && !matchesAny(exclude, dir);
}

function matchesAny(globs: Glob[], path: string): boolean {
  for (const g of globs) if (g.regex.test(path)) return true;
  return false;
}

function compileGlob(pattern: string): Glob {
  const names = pattern.split('/').filter((s) => s !== '' && s !== '.');
  // `a/**/**/b` is `a/**/b`.
  const parts = names.filter((s, i) => s !== '**' || names[i - 1] !== '**');
  const segments = parts.map((s): Segment => (s === '**' ? GLOBSTAR : /[*?]/.test(s) ? new RegExp(`^${segmentSource(s)}$`) : s));
  let source = '';
  parts.forEach((s, i) => {
    const afterGlobstar = i > 0 && parts[i - 1] === '**';
    const slash = i === 0 || afterGlobstar ? '' : '/';
    if (s !== '**') source += slash + segmentSource(s);
    else if (i < parts.length - 1) source += slash + '(?:[^/]+/)*'; // zero or more whole segments
    else source += i === 0 ? '.*' : '(?:/.*)?'; // a trailing `**`: the directory and all below
  });
  return { regex: new RegExp(`^${source}$`), segments };
}

/** One segment: `*` and `?` stay inside it, everything else is literal. */
function segmentSource(segment: string): string {
  let source = '';
  for (const c of segment) {
    if (c === '*') source += source.endsWith('[^/]*') ? '' : '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return source;
}

/**
 * The existing project directories the patterns name, '/'-separated relative to `root`, sorted,
 * without the root itself. Globs only enter real folders (never `node_modules` or dot-folders,
 * and never through a link), `**` at most MAX_GLOB_DEPTH levels; a match may be a link, but
 * every result must resolve to a directory inside the root: `../x` or a link never leads out.
 */
export async function expandWorkspaces(fs: ReadonlyFs, root: string, patterns: readonly string[]): Promise<{ dirs: string[]; unsupported: string[] }> {
  const { include, exclude, unsupported } = compileWorkspaceGlobs(patterns);
  const walker = new GlobWalker(fs, root);
  const candidates = new Set<string>();
  for (const glob of include) for (const dir of await walker.expand('', glob.segments, 0, 0)) candidates.add(dir);
  const rootReal = (await fs.realpath(root)) ?? root;
  const dirs: string[] = [];
  for (const dir of candidates) {
    if (dir === '' || matchesAny(exclude, dir)) continue;
    const real = await fs.realpath(walker.absolute(dir));
    if (real !== undefined && isInside(real, rootReal) && (await fs.lstat(real))?.kind === 'dir') dirs.push(dir);
  }
  return { dirs: dirs.sort(), unsupported };
}

class GlobWalker {
  constructor(
    private readonly fs: ReadonlyFs,
    private readonly root: string,
  ) {}

  absolute(dir: string): string {
    return dir === '' ? this.root : `${this.root}/${dir}`;
  }

  async expand(dir: string, segments: Segment[], i: number, depth: number): Promise<string[]> {
    const segment = segments[i];
    if (segment === undefined) return [dir];
    if (typeof segment === 'string') {
      const next = step(dir, segment);
      return next === undefined ? [] : this.expand(next, segments, i + 1, depth);
    }
    const entries = await this.subdirs(dir);
    if (segment === GLOBSTAR) {
      const here = await this.expand(dir, segments, i + 1, depth);
      if (depth >= MAX_GLOB_DEPTH) return here;
      const real = entries.filter((e) => e.kind === 'dir');
      const deeper = await Promise.all(real.map((e) => this.expand(join(dir, e.name), segments, i, depth + 1)));
      return here.concat(...deeper);
    }
    const matched = entries.filter((e) => segment.test(e.name));
    return (await Promise.all(matched.map((e) => this.expand(join(dir, e.name), segments, i + 1, depth)))).flat();
  }

  /** Folders and links a glob may match; none when `dir` is not a real folder (or unreadable). */
  private async subdirs(dir: string): Promise<{ name: string; kind: string }[]> {
    const path = this.absolute(dir);
    if ((await this.fs.lstat(path))?.kind !== 'dir') return [];
    try {
      const entries = await this.fs.readdir(path);
      return entries.filter((e) => (e.kind === 'dir' || e.kind === 'symlink') && e.name !== 'node_modules' && !e.name.startsWith('.'));
    } catch {
      return [];
    }
  }
}

/** `dir` + a literal segment; undefined when `..` climbs above the root. */
function step(dir: string, segment: string): string | undefined {
  if (segment === '.') return dir;
  if (segment !== '..') return join(dir, segment);
  if (dir === '') return undefined;
  const cut = dir.lastIndexOf('/');
  return cut === -1 ? '' : dir.slice(0, cut);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** `real` is `root` or below it (either separator: real paths are native). */
function isInside(real: string, root: string): boolean {
  if (real === root) return true;
  const base = root.endsWith('/') || root.endsWith('\\') ? root : root + '/';
  return real.startsWith(base) || real.startsWith(base.slice(0, -1) + '\\');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
