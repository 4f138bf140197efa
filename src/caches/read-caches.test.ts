import { describe, expect, it } from 'vitest';
import { cacheReaders, readCaches } from './read-caches.js';
import { memFs, type MemNode } from './test-support/mem-fs.js';
import { bucketPath, indexLine, requestKey } from './test-support/npm-index.js';
import type { CacheLocation } from './types.js';

const R = 'https://registry.example.test';
const T0 = Date.UTC(2025, 8, 8, 13, 16);
const npmAt = (path: string): CacheLocation => ({ format: 'npm-cacache', path, origin: 'test' });

describe('readCaches', () => {
  it('has one reader per format, sorted', () => {
    const ids = Object.keys(cacheReaders);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(['npm-cacache', 'pnpm-metadata', 'pnpm-store', 'yarn-berry', 'yarn-berry-metadata', 'yarn-classic']);
  });

  it('says which locations were absent, unreadable or read', async () => {
    const key = requestKey(`${R}/debug/-/debug-4.4.2.tgz`);
    const fs = memFs({ [bucketPath('/npm', key)]: indexLine({ key, time: T0 }), '/a-file': 'x' });
    const result = await readCaches([npmAt('/npm'), npmAt('/missing'), npmAt('/a-file'), npmAt('/npm')], fs);
    expect(result.locations.map((l) => [l.path, l.status, l.entries])).toEqual([
      ['/npm', 'read', 1],
      ['/missing', 'absent', 0],
      ['/a-file', 'unreadable', 0],
    ]);
    expect(result.diagnostics).toEqual([
      { code: 'caches/unreadable', message: '/a-file: not a directory, cannot be a npm-cacache cache', severity: 'warning', location: { file: '/a-file' } },
    ]);
  });

  it('follows a location that is a link, but no link inside a cache', async () => {
    const inside = requestKey(`${R}/debug/-/debug-4.4.2.tgz`);
    const outside = requestKey(`${R}/chalk/-/chalk-5.6.1.tgz`);
    const outsideBucket = bucketPath('/elsewhere', outside);
    const linkedBucket = bucketPath('/disk/npm', outside);
    const fs = memFs({
      '/home/u/.npm': { link: '/disk/npm' },
      [bucketPath('/disk/npm', inside)]: indexLine({ key: inside, time: T0 }),
      [outsideBucket]: indexLine({ key: outside, time: T0 }),
      // a bucket that is a link out of the cache, and a whole shard folder that is one
      [linkedBucket]: { link: outsideBucket },
      '/disk/npm/_cacache/index-v5/ff': { link: '/elsewhere/_cacache/index-v5/ff' },
    });
    const result = await readCaches([npmAt('/home/u/.npm')], fs);
    expect(result.entries.map((e) => [e.name, e.path])).toEqual([['debug', bucketPath('/disk/npm', inside)]]);
    expect(fs.reads).toEqual([bucketPath('/disk/npm', inside)]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'caches/symlink', message: expect.stringMatching(/and 1 more: symbolic link inside a cache, not followed$/) })]);
  });

  it('calls a location it may not list unreadable, and a folder inside it a diagnostic', async () => {
    const key = requestKey(`${R}/debug/-/debug-4.4.2.tgz`);
    const bucket = bucketPath('/ok', key);
    const shard = bucket.split('/').slice(0, -2).join('/');
    const fs = memFs({ '/locked/_cacache/index-v5/00/00/x': '', [bucket]: indexLine({ key, time: T0 }) }, { unreadableDirs: ['/locked', shard] });
    const result = await readCaches([npmAt('/locked'), npmAt('/ok')], fs);
    expect(result.locations.map((l) => [l.path, l.status, l.entries])).toEqual([
      ['/locked', 'unreadable', 0],
      ['/ok', 'read', 0],
    ]);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['/locked: permission denied; cache not read', `${shard}: permission denied; skipped`]);
  });

  it('does not follow a link where the layout has a folder', async () => {
    const key = requestKey(`${R}/debug/-/debug-4.4.2.tgz`);
    const fs = memFs({ '/npm/_cacache': { link: '/elsewhere' }, [bucketPath('/x', key).replace('/x/_cacache', '/elsewhere')]: indexLine({ key, time: T0 }) });
    const result = await readCaches([npmAt('/npm')], fs);
    expect(result.entries).toEqual([]);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['/npm/_cacache: symbolic link inside a cache, not followed']);
  });

  it('keeps only what `keep` accepts but counts everything', async () => {
    const keys = ['debug/-/debug-4.4.2.tgz', 'chalk/-/chalk-5.6.1.tgz', 'chalk/-/chalk-5.6.2.tgz'].map((p) => requestKey(`${R}/${p}`));
    const fs = memFs(Object.fromEntries(keys.map((k) => [bucketPath('/npm', k), indexLine({ key: k, time: T0 })])));
    const result = await readCaches([npmAt('/npm')], fs, { keep: (e) => e.name === 'chalk' && e.version === '5.6.1' });
    expect(result.entries.map((e) => `${e.name}@${e.version}`)).toEqual(['chalk@5.6.1']);
    expect(result.locations[0]).toMatchObject({ status: 'read', entries: 3 });
  });

  it('walks a large cache with a bounded number of reads in flight', async () => {
    const spec: Record<string, MemNode> = {};
    for (let i = 0; i < 20_000; i++) {
      const key = requestKey(`${R}/pkg-${i}/-/pkg-${i}-1.0.${i % 7}.tgz`);
      spec[bucketPath('/npm', key)] = indexLine({ key, time: T0 + i });
    }
    const base = memFs(spec);
    let inFlight = 0;
    let peak = 0;
    const fs = {
      ...base,
      async readText(path: string) {
        peak = Math.max(peak, ++inFlight);
        try {
          await new Promise((r) => setImmediate(r));
          return await base.readText(path);
        } finally {
          inFlight--;
        }
      },
    };
    const result = await readCaches([npmAt('/npm')], fs, { concurrency: 16 });
    expect(result.entries).toHaveLength(20_000);
    expect(result.diagnostics).toEqual([]);
    expect(peak).toBeLessThanOrEqual(16);
    expect(result.entries[0]).toMatchObject({ name: 'pkg-0', version: '1.0.0', fetchedAt: new Date(T0).toISOString() });
  });

  it('rejects an unknown format as a usage error', async () => {
    const bad = { format: 'bun', path: '/x', origin: 'test' } as unknown as CacheLocation;
    await expect(readCaches([bad], memFs({}))).rejects.toMatchObject({ code: 'ERR_USAGE', message: 'unknown cache format "bun" for /x' });
    const proto = { format: 'toString', path: '/x', origin: 'test' } as unknown as CacheLocation;
    await expect(readCaches([proto], memFs({}))).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });

  it('works with a plain ReadonlyFs (no file dates)', async () => {
    const base = memFs({ '/p/.yarn/cache/debug-npm-4.4.2-0123456789-10c0.zip': 'zip' });
    const fs = { ...base, lstat: async (p: string) => { const s = await base.lstat(p); return s && { kind: s.kind, size: s.size }; } };
    const result = await readCaches([{ format: 'yarn-berry', path: '/p/.yarn/cache', origin: 'test' }], fs);
    expect(result.entries).toMatchObject([{ name: 'debug', fetchedAt: null }]);
  });
});
