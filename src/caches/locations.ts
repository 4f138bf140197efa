import { posix, win32 } from 'node:path';
import type { CacheLocation } from './types.js';

export interface CacheLocationInput {
  /** The environment (process.env). Only package-manager and XDG variables are read. */
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** process.platform */
  platform: string;
  /** Projects being scanned: each may have its own yarn cache (and pnpm stores on other volumes). */
  projectRoots?: readonly string[];
  /** process.getuid(): yarn 1 run as root keeps its cache under /usr/local/share instead of the home folder. */
  uid?: number;
}

/**
 * Where each client keeps its cache by default on this machine, worked out the way the clients
 * do it (checked against their sources: npm 11's config definitions, pnpm 8 to 10's
 * getCacheDir/getDataDir and getStorePath, yarn 1.22's getCacheDir and root-user home, yarn 4's
 * getDefaultGlobalFolder). Pure: the environment, home folder and platform are arguments.
 *
 * Both the setting in effect (an environment variable) and the default are returned, since a
 * cache filled before a variable was set is still on disk. Settings in .npmrc / .yarnrc files are
 * not read here (library code reads no config files); callers add those locations themselves.
 * Many of the places will not exist; readCaches() reports them as absent.
 */
export function defaultCacheLocations(input: CacheLocationInput): CacheLocation[] {
  const { homedir, platform } = input;
  const path = platform === 'win32' ? win32 : posix;
  const env = (name: string): string | undefined => {
    const value = input.env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  /** npm and pnpm read npm_config_* case-insensitively, and expand a leading ~. */
  const npmConfig = (key: string): { name: string; value: string } | undefined => {
    const wanted = `npm_config_${key}`.toLowerCase();
    for (const [name, value] of Object.entries(input.env)) {
      if (name.toLowerCase() === wanted && value) return { name, value: expandHome(value) };
    }
    return undefined;
  };
  const expandHome = (p: string) => (/^~(?=$|[\\/])/.test(p) ? path.join(homedir, p.slice(1)) : p);
  const localAppData = env('LOCALAPPDATA');
  const out: CacheLocation[] = [];
  const seen = new Set<string>();
  const add = (format: CacheLocation['format'], dir: string | undefined, origin: string) => {
    if (dir === undefined) return;
    const normal = path.resolve(homedir, dir);
    if (seen.has(`${format}\0${normal}`)) return;
    seen.add(`${format}\0${normal}`);
    out.push({ format, path: normal, origin });
  };

  // npm: the `cache` setting; default %LocalAppData%\npm-cache on Windows (~\npm-cache without it), ~/.npm elsewhere.
  const npmCache = npmConfig('cache');
  add('npm-cacache', npmCache?.value, npmCache?.name ?? '');
  add('npm-cacache', platform === 'win32' ? path.join(localAppData ?? homedir, 'npm-cache') : path.join(homedir, '.npm'), 'default');

  // pnpm store: `store-dir`, else <pnpm home>/store; a project on another volume gets <volume root>/.pnpm-store.
  const storeDir = npmConfig('store_dir');
  add('pnpm-store', storeDir?.value, storeDir?.name ?? '');
  add('pnpm-store', path.join(pnpmHome(), 'store'), env('PNPM_HOME') ? 'PNPM_HOME' : 'default');
  add('pnpm-store', path.join(homedir, '.pnpm-store'), 'default of pnpm 6 and older');
  for (const root of input.projectRoots ?? []) {
    // The volume's mount point is not known here: every folder above the project is a candidate.
    for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
      add('pnpm-store', path.join(dir, '.pnpm-store'), `pnpm store on the volume of ${root}`);
      if (path.dirname(dir) === dir) break;
    }
  }
  // pnpm metadata cache: `cache-dir`, else XDG_CACHE_HOME/pnpm, ~/Library/Caches/pnpm, ~/.cache/pnpm, %LocalAppData%\pnpm-cache.
  const pnpmCacheDir = npmConfig('cache_dir');
  add('pnpm-metadata', pnpmCacheDir?.value, pnpmCacheDir?.name ?? '');
  add('pnpm-metadata', pnpmCache(), 'default');

  // yarn 1: YARN_CACHE_FOLDER, else its getCacheDir() (root's home is /usr/local/share).
  const yarnCacheFolder = env('YARN_CACHE_FOLDER');
  add('yarn-classic', yarnCacheFolder, 'YARN_CACHE_FOLDER');
  add('yarn-classic', yarnClassicCache(), 'default');

  // yarn 2+: YARN_CACHE_FOLDER (used when the global cache is off), <global folder>/cache, each project's .yarn/cache.
  add('yarn-berry', yarnCacheFolder, 'YARN_CACHE_FOLDER');
  const globalFolder = env('YARN_GLOBAL_FOLDER');
  const berryGlobal = globalFolder ?? berryGlobalFolder();
  add('yarn-berry', path.join(berryGlobal, 'cache'), globalFolder ? 'YARN_GLOBAL_FOLDER' : 'default');
  add('yarn-berry-metadata', berryGlobal, globalFolder ? 'YARN_GLOBAL_FOLDER' : 'default');
  for (const root of input.projectRoots ?? []) add('yarn-berry', path.join(root, '.yarn', 'cache'), `project ${root}`);

  return out;

  function pnpmHome(): string {
    const home = env('PNPM_HOME');
    if (home) return home;
    const xdg = env('XDG_DATA_HOME');
    if (xdg) return path.join(xdg, 'pnpm');
    if (platform === 'darwin') return path.join(homedir, 'Library', 'pnpm');
    if (platform !== 'win32') return path.join(homedir, '.local', 'share', 'pnpm');
    return localAppData ? path.join(localAppData, 'pnpm') : path.join(homedir, '.pnpm');
  }

  function pnpmCache(): string {
    const xdg = env('XDG_CACHE_HOME');
    if (xdg) return path.join(xdg, 'pnpm');
    if (platform === 'darwin') return path.join(homedir, 'Library', 'Caches', 'pnpm');
    if (platform !== 'win32') return path.join(homedir, '.cache', 'pnpm');
    return localAppData ? path.join(localAppData, 'pnpm-cache') : path.join(homedir, '.pnpm-cache');
  }

  function yarnClassicCache(): string {
    if (platform === 'win32') return path.join(localAppData ? path.join(localAppData, 'Yarn') : path.join(homedir, 'AppData', 'Local', 'Yarn'), 'Cache');
    const xdg = env('XDG_CACHE_HOME');
    if (xdg) return path.join(xdg, 'yarn');
    // yarn 1 run as root (and not under fakeroot) takes /usr/local/share as its home folder.
    const userHome = input.uid === 0 && !env('FAKEROOTKEY') ? '/usr/local/share' : homedir;
    if (platform === 'darwin') return path.join(userHome, 'Library', 'Caches', 'Yarn');
    return path.join(userHome, '.cache', 'yarn');
  }

  function berryGlobalFolder(): string {
    if (platform === 'win32') return path.join(localAppData ?? path.join(homedir, 'AppData', 'Local'), 'Yarn', 'Berry');
    const xdg = env('XDG_DATA_HOME');
    if (xdg) return path.join(xdg, 'yarn', 'berry');
    return path.join(homedir, '.yarn', 'berry');
  }
}
