import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isExecutable, isSourceFile, type Manifest, type PackageInfo } from '../analysis/index.js';

/**
 * The disk side of the detection engine: which directories are packages, which files each holds,
 * and reading them. Symbolic links are never followed (a link out of the tree must not be read;
 * pnpm's links point into node_modules/.pnpm, which is walked itself).
 */

/** A package directory to analyze, with the facts that key its cached result. */
export interface PackageDir {
  dir: string;
  info: PackageInfo;
  /** path, size and mtime of every file, plus the manifest: changes when any file changes. */
  fingerprint: string;
  /** Files' sizes in bytes (every file's with the fingerprint, the source files' with `sizes`): what scheduling the analysis goes by. */
  sizes: ReadonlyMap<string, number>;
}

/** Files past this size are not read for analysis (the engine records them as skipped). */
const MAX_FILE_BYTES = 32 * 2 ** 20;
/** Extensions that are text by definition: no need to look at their first bytes for an executable. */
const TEXT_EXT = /\.(?:[cm]?[jt]sx?|json|md|markdown|txt|map|css|scss|less|html?|ya?ml|d\.ts|flow|svg|lock|LICENSE|cjs|mjs|coffee|vue|svelte|snap|xml|csv|ini|cfg|conf|sh|bat|ps1|py|rb|c|h|cc|cpp|hpp|gyp|gypi|d\.mts|d\.cts|jsonc|tsbuildinfo)$/i;

/**
 * The packages a target directory holds:
 * - a `node_modules` directory: every package in it, nested and scoped ones and pnpm's `.pnpm` store;
 * - a directory with package.json: that package (its own node_modules are not part of it);
 * - any other directory (`dist/`, `.next/`, `build/`): one entry named after the folder.
 */
export function packageDirsOf(target: string): string[] {
  if (basename(target) === 'node_modules') return packagesInNodeModules(target);
  return [target];
}

function packagesInNodeModules(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of safeReaddir(dir)) {
      if (!entry.isDirectory()) continue; // symlinks (pnpm, workspaces) are not followed
      const path = join(dir, entry.name);
      if (entry.name === '.bin' || entry.name === '.cache') continue;
      if (entry.name === '.pnpm') {
        for (const store of safeReaddir(path)) if (store.isDirectory() && store.name !== 'node_modules') visit(join(path, store.name, 'node_modules'));
        continue;
      }
      if (entry.name.startsWith('@')) {
        for (const scoped of safeReaddir(path)) if (scoped.isDirectory()) addPackage(join(path, scoped.name));
        continue;
      }
      addPackage(path);
    }
  };
  const addPackage = (dir: string) => {
    if (isFile(join(dir, 'package.json'))) found.push(dir);
    const nested = join(dir, 'node_modules');
    if (isDir(nested)) visit(nested);
  };
  visit(nodeModules);
  return found.sort();
}

/**
 * Lists a package's files (not its nested node_modules) and what the engine needs to know of them.
 * A stat per file is what listing costs most: `fingerprint: false` skips it when no cache key is
 * wanted (the fingerprint is then ''), and `sizes` then stats only the source files.
 */
export function readPackageDir(dir: string, opts: { fingerprint: boolean; sizes?: boolean } = { fingerprint: true }): PackageDir {
  const files: string[] = [];
  const executables: string[] = [];
  const parts: string[] = [];
  const sizes = new Map<string, number>();
  const walk = (abs: string, rel: string) => {
    for (const entry of safeReaddir(abs)) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      // Concatenated, not path.join: an entry name has no separators, and this runs for every file of a tree.
      const childAbs = `${abs}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(childAbs, childRel);
        continue;
      }
      if (!entry.isFile()) continue;
      files.push(childRel);
      const text = TEXT_EXT.test(entry.name);
      if (opts.fingerprint || (opts.sizes && isSourceFile(childRel))) {
        const stat = lstatSync(childAbs, { throwIfNoEntry: false });
        if (stat) {
          if (opts.fingerprint) parts.push(`${childRel}\u0000${stat.size}\u0000${stat.mtimeMs}`);
          sizes.set(childRel, stat.size);
        }
      }
      if (!text && isExecutable(head(childAbs))) executables.push(childRel);
    }
  };
  walk(dir, '');
  files.sort();
  const manifestText = files.includes('package.json') ? readText(join(dir, 'package.json')) : undefined;
  const manifest = parseManifest(manifestText);
  const name = typeof manifest?.['name'] === 'string' && manifest['name'] ? manifest['name'] : basename(dir);
  const version = typeof manifest?.['version'] === 'string' ? manifest['version'] : null;
  parts.sort();
  return {
    dir,
    info: { name, version, manifest, files, executables: executables.sort() },
    fingerprint: `${manifestText ?? ''}\u0001${parts.join('\u0001')}`,
    sizes,
  };
}

/**
 * A package file's bytes, or undefined when it is missing, not a regular file (a link is never
 * followed), too large, or binary (a NUL in its first 8 KiB). One open, one fstat, one read.
 */
export function readBytes(path: string): Buffer | undefined {
  const bytes = readFileBytes(path);
  return bytes?.subarray(0, 8192).includes(0) ? undefined : bytes;
}

/** {@link readBytes}, binary files included. */
export function readFileBytes(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    const buf = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === buf.length ? buf : buf.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A package file as text: {@link readBytes}, decoded. */
export function readText(path: string): string | undefined {
  return readBytes(path)?.toString('utf8');
}

function parseManifest(text: string | undefined): Manifest | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Manifest) : null;
  } catch {
    return null;
  }
}

function head(path: string): Uint8Array {
  const buf = new Uint8Array(4);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, buf, 0, 4, 0);
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return buf;
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDir(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
