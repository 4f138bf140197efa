import { isExecutable, type Manifest } from '../../analysis/index.js';
import type { RegistryVersionInfo, ReleaseSide } from '../types.js';

/**
 * A release held in memory, for tests: `files` maps package paths to text (or bytes). Without a
 * `package.json` in `files`, one with just the name and version is made up.
 */
export function sideFromFiles(name: string, version: string, files: Record<string, string | Uint8Array>, registry?: RegistryVersionInfo): ReleaseSide {
  const all: Record<string, Buffer> = {};
  for (const [path, content] of Object.entries(files)) all[path] = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  all['package.json'] ??= Buffer.from(`${JSON.stringify({ name, version }, null, 2)}\n`);
  let manifest: Manifest | null = null;
  try {
    const parsed: unknown = JSON.parse(all['package.json'].toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) manifest = parsed as Manifest;
  } catch {
    manifest = null;
  }
  const paths = Object.keys(all).sort();
  return {
    name,
    version,
    label: `${name}@${version}`,
    manifest,
    files: paths,
    executables: paths.filter((p) => isExecutable(all[p]!.subarray(0, 4))),
    readFile: (path) => (Object.hasOwn(all, path) ? all[path] : undefined),
    ...(registry ? { registry } : {}),
  };
}

/** A package.json text from an object, as npm writes it. */
export function manifestText(manifest: Record<string, unknown>): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
