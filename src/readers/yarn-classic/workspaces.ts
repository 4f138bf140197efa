import type { ReadonlyFs } from '../../core/index.js';
import type { RawImporter } from '../types.js';

/** A package.json as far as the yarn readers look at it. */
export interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  workspaces?: unknown;
}

export interface ImporterManifest {
  importer: RawImporter;
  manifest: Manifest;
}

/** Reads `<root>/<dir>/package.json`; undefined when it is missing or not JSON. */
export async function readManifest(fs: ReadonlyFs, root: string, dir: string): Promise<Manifest | undefined> {
  const path = dir === '' ? `${root}/package.json` : `${root}/${dir}/package.json`;
  if ((await fs.lstat(path)) === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(await fs.readText(path));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

export function importerFor(path: string, manifest: Manifest | undefined): RawImporter {
  const importer: RawImporter = { key: `importer:${path}`, path };
  if (typeof manifest?.name === 'string') importer.name = manifest.name;
  if (typeof manifest?.version === 'string') importer.version = manifest.version;
  return importer;
}

/**
 * The workspace directories the root's `workspaces` field names (array or `{ packages: [...] }`).
 * Yarn 1 keeps workspaces out of its lockfile, so they are found on disk: plain paths and
 * `dir/*` (every subdirectory with a package.json) are supported; other globs are reported back.
 */
export async function workspaceDirs(fs: ReadonlyFs, root: string, field: unknown): Promise<{ dirs: string[]; unsupported: string[] }> {
  const list = Array.isArray(field) ? field : isRecord(field) ? field['packages'] : undefined;
  const patterns = Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
  const dirs: string[] = [];
  const unsupported: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    if (pattern.endsWith('/*') && !pattern.slice(0, -2).includes('*')) {
      dirs.push(...(await childPackages(fs, root, pattern.slice(0, -2))));
    } else if (!pattern.includes('*') && !pattern.startsWith('!')) {
      dirs.push(pattern);
    } else unsupported.push(raw);
  }
  return { dirs: [...new Set(dirs)].sort(), unsupported };
}

async function childPackages(fs: ReadonlyFs, root: string, parent: string): Promise<string[]> {
  if ((await fs.lstat(`${root}/${parent}`))?.kind !== 'dir') return [];
  const out: string[] = [];
  for (const entry of await fs.readdir(`${root}/${parent}`)) {
    if (entry.kind !== 'dir' && entry.kind !== 'symlink') continue;
    if ((await fs.lstat(`${root}/${parent}/${entry.name}/package.json`)) !== undefined) out.push(`${parent}/${entry.name}`);
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
