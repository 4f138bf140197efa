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
  root ??= installRootFrom(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...parts);
}

/**
 * The first folder from `from` up that holds package.json and `data/`. An installation that lost
 * its data gets the nearest folder with a package.json (else `from`) instead of an exception: this
 * runs while modules load, before the CLI can report anything, and the readers of the data files
 * then say in one line which folder is missing and that reinstalling fixes it.
 */
export function installRootFrom(from: string): string {
  let withManifest: string | undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      if (existsSync(join(dir, 'data'))) return dir;
      withManifest ??= dir;
    }
    if (dirname(dir) === dir) return withManifest ?? from;
  }
}
