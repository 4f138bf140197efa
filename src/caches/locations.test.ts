import { describe, expect, it } from 'vitest';
import { defaultCacheLocations } from './locations.js';
import type { CacheFormat } from './types.js';

const paths = (locations: { format: CacheFormat; path: string }[], format: CacheFormat) => locations.filter((l) => l.format === format).map((l) => l.path);

describe('defaultCacheLocations', () => {
  it('linux defaults', () => {
    const l = defaultCacheLocations({ env: {}, homedir: '/home/u', platform: 'linux' });
    expect(l.map((x) => [x.format, x.path, x.origin])).toEqual([
      ['npm-cacache', '/home/u/.npm', 'default'],
      ['pnpm-store', '/home/u/.local/share/pnpm/store', 'default'],
      ['pnpm-store', '/home/u/.pnpm-store', 'default of pnpm 6 and older'],
      ['pnpm-metadata', '/home/u/.cache/pnpm', 'default'],
      ['yarn-classic', '/home/u/.cache/yarn', 'default'],
      ['yarn-berry', '/home/u/.yarn/berry/cache', 'default'],
      ['yarn-berry-metadata', '/home/u/.yarn/berry', 'default'],
    ]);
  });

  it('macOS defaults', () => {
    const l = defaultCacheLocations({ env: {}, homedir: '/Users/u', platform: 'darwin' });
    expect(paths(l, 'npm-cacache')).toEqual(['/Users/u/.npm']);
    expect(paths(l, 'pnpm-store')).toEqual(['/Users/u/Library/pnpm/store', '/Users/u/.pnpm-store']);
    expect(paths(l, 'pnpm-metadata')).toEqual(['/Users/u/Library/Caches/pnpm']);
    expect(paths(l, 'yarn-classic')).toEqual(['/Users/u/Library/Caches/Yarn']);
    expect(paths(l, 'yarn-berry')).toEqual(['/Users/u/.yarn/berry/cache']);
  });

  it('Windows defaults, with and without LOCALAPPDATA', () => {
    const withLocal = defaultCacheLocations({ env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, homedir: 'C:\\Users\\u', platform: 'win32' });
    expect(withLocal.map((x) => [x.format, x.path])).toEqual([
      ['npm-cacache', 'C:\\Users\\u\\AppData\\Local\\npm-cache'],
      ['pnpm-store', 'C:\\Users\\u\\AppData\\Local\\pnpm\\store'],
      ['pnpm-store', 'C:\\Users\\u\\.pnpm-store'],
      ['pnpm-metadata', 'C:\\Users\\u\\AppData\\Local\\pnpm-cache'],
      ['yarn-classic', 'C:\\Users\\u\\AppData\\Local\\Yarn\\Cache'],
      ['yarn-berry', 'C:\\Users\\u\\AppData\\Local\\Yarn\\Berry\\cache'],
      ['yarn-berry-metadata', 'C:\\Users\\u\\AppData\\Local\\Yarn\\Berry'],
    ]);
    const without = defaultCacheLocations({ env: {}, homedir: 'C:\\Users\\u', platform: 'win32' });
    expect(paths(without, 'npm-cacache')).toEqual(['C:\\Users\\u\\npm-cache']);
    expect(paths(without, 'pnpm-store')).toEqual(['C:\\Users\\u\\.pnpm\\store', 'C:\\Users\\u\\.pnpm-store']);
    expect(paths(without, 'yarn-classic')).toEqual(['C:\\Users\\u\\AppData\\Local\\Yarn\\Cache']);
  });

  it('XDG folders move pnpm and yarn', () => {
    const l = defaultCacheLocations({ env: { XDG_DATA_HOME: '/d', XDG_CACHE_HOME: '/c' }, homedir: '/home/u', platform: 'linux' });
    expect(paths(l, 'pnpm-store')).toEqual(['/d/pnpm/store', '/home/u/.pnpm-store']);
    expect(paths(l, 'pnpm-metadata')).toEqual(['/c/pnpm']);
    expect(paths(l, 'yarn-classic')).toEqual(['/c/yarn']);
    expect(paths(l, 'yarn-berry')).toEqual(['/d/yarn/berry/cache']);
    expect(paths(l, 'npm-cacache')).toEqual(['/home/u/.npm']);
  });

  it('settings in the environment come first, the defaults stay (older caches are still on disk)', () => {
    const l = defaultCacheLocations({
      env: {
        NPM_CONFIG_CACHE: '~/npm-cache-2',
        npm_config_store_dir: '/mnt/store',
        npm_config_cache_dir: '/mnt/pnpm-cache',
        PNPM_HOME: '/opt/pnpm',
        YARN_CACHE_FOLDER: '/mnt/yarn',
        YARN_GLOBAL_FOLDER: '/mnt/berry',
      },
      homedir: '/home/u',
      platform: 'linux',
    });
    expect(l.filter((x) => !x.origin.startsWith('default')).map((x) => [x.format, x.path, x.origin])).toEqual([
      ['npm-cacache', '/home/u/npm-cache-2', 'NPM_CONFIG_CACHE'],
      ['pnpm-store', '/mnt/store', 'npm_config_store_dir'],
      ['pnpm-store', '/opt/pnpm/store', 'PNPM_HOME'],
      ['pnpm-metadata', '/mnt/pnpm-cache', 'npm_config_cache_dir'],
      ['yarn-classic', '/mnt/yarn', 'YARN_CACHE_FOLDER'],
      ['yarn-berry', '/mnt/yarn', 'YARN_CACHE_FOLDER'],
      ['yarn-berry', '/mnt/berry/cache', 'YARN_GLOBAL_FOLDER'],
      ['yarn-berry-metadata', '/mnt/berry', 'YARN_GLOBAL_FOLDER'],
    ]);
    expect(paths(l, 'npm-cacache')).toEqual(['/home/u/npm-cache-2', '/home/u/.npm']);
  });

  it('empty variables count as unset', () => {
    const l = defaultCacheLocations({ env: { npm_config_cache: '', XDG_CACHE_HOME: '', YARN_CACHE_FOLDER: '' }, homedir: '/home/u', platform: 'linux' });
    expect(paths(l, 'npm-cacache')).toEqual(['/home/u/.npm']);
    expect(paths(l, 'yarn-classic')).toEqual(['/home/u/.cache/yarn']);
  });

  it('yarn 1 run as root keeps its cache in /usr/local/share', () => {
    expect(paths(defaultCacheLocations({ env: {}, homedir: '/root', platform: 'linux', uid: 0 }), 'yarn-classic')).toEqual(['/usr/local/share/.cache/yarn']);
    expect(paths(defaultCacheLocations({ env: { FAKEROOTKEY: '1' }, homedir: '/root', platform: 'linux', uid: 0 }), 'yarn-classic')).toEqual(['/root/.cache/yarn']);
  });

  it('projects add their yarn cache and pnpm stores on their volume', () => {
    const l = defaultCacheLocations({ env: {}, homedir: '/home/u', platform: 'linux', projectRoots: ['/mnt/data/src/app', '/mnt/data/src/lib'] });
    expect(paths(l, 'yarn-berry')).toEqual(['/home/u/.yarn/berry/cache', '/mnt/data/src/app/.yarn/cache', '/mnt/data/src/lib/.yarn/cache']);
    expect(paths(l, 'pnpm-store')).toEqual([
      '/home/u/.local/share/pnpm/store',
      '/home/u/.pnpm-store',
      '/mnt/data/src/app/.pnpm-store',
      '/mnt/data/src/.pnpm-store',
      '/mnt/data/.pnpm-store',
      '/mnt/.pnpm-store',
      '/.pnpm-store',
      '/mnt/data/src/lib/.pnpm-store',
    ]);
    const win = defaultCacheLocations({ env: {}, homedir: 'C:\\Users\\u', platform: 'win32', projectRoots: ['D:\\src\\app'] });
    expect(paths(win, 'pnpm-store')).toContain('D:\\.pnpm-store');
  });
});
