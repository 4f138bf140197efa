import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, ToolError, type ReadonlyFs } from '../../core/index.js';
import type { RawGraph } from '../types.js';

/** A ReadonlyFs over a few files in memory; a missing file fails as the real disk does. */
export function memFs(files: Record<string, string>): ReadonlyFs {
  const has = (p: string) => Object.hasOwn(files, p);
  return {
    readText: async (p) => {
      if (!has(p)) throw new ToolError(ErrorCodes.io, `${p}: no such file or directory`);
      return files[p]!;
    },
    readdir: async () => [],
    lstat: async (p) => (has(p) ? { kind: 'file', size: files[p]!.length } : undefined),
    realpath: async (p) => (has(p) ? p : undefined),
  };
}

/** The sorted `name@version` list the real client listed for a generated fixture (its expected.json). */
export function clientListing(fixtureDir: string): string[] {
  return (JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as { packages: string[] }).packages;
}

/** A reader's distinct `name@version` set, sorted, to compare with clientListing(). */
export function packageIds(raw: RawGraph): string[] {
  return [...new Set(raw.packages.map((p) => `${p.name}@${p.version}`))].sort();
}
