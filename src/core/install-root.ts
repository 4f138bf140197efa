import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * A path inside chainwatch's own folder, where its package.json and `data/` are. The code that
 * asks runs from src/ (tests), from dist/ (the compiled modules a library user imports) or from
 * dist/bundle/ (the CLI): each a different depth, so the folder is found by walking up from here
 * to the first one holding both, instead of by a relative URL that fits only one of them.
 */
export function installPath(...parts: string[]): string {
  root ??= findRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...parts);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    if (dirname(dir) === dir) throw new Error(`chainwatch's package folder (package.json and data/) was not found above ${from}`);
  }
}
