import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheLocations, readCaches, type CacheEntry, type CacheFormat } from './index.js';
import { diskFs } from './test-support/disk-fs.js';

/**
 * Caches that real clients filled from a local registry (scripts/fixtures/gen-caches.mjs). Each
 * fixture mirrors the client's scratch HOME (and a project), so these tests check both that
 * defaultCacheLocations() finds where the client wrote and that the readers list exactly what
 * the registry served in that run.
 */
const generated = join(__dirname, 'fixtures', 'generated');

interface Expected {
  client: string;
  env?: Record<string, string>;
  locations: { format: CacheFormat; path: string; packages: string[]; packuments: string[]; fetchedBetween: [string, string] }[];
  deleted?: string[];
}

/** git checkouts do not keep mtimes: file-dated entries get this one. */
const MTIME = Date.UTC(2025, 8, 8, 13, 16);

const fixtures = readdirSync(generated).sort();

describe('caches filled by real clients', () => {
  it('has a fixture for every client the generator runs', () => {
    expect(fixtures).toEqual(['npm-11.19.1', 'pnpm-10.34.9', 'pnpm-8.15.9', 'pnpm-9.15.9', 'yarn-1.22.22', 'yarn-4.18.1']);
  });

  describe.each(fixtures)('%s', (fixture) => {
    const root = join(generated, fixture);
    const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Expected;
    const env = Object.fromEntries(Object.entries(expected.env ?? {}).map(([k, v]) => [k, join(root, v)]));
    const locations = defaultCacheLocations({ env, homedir: join(root, 'home'), platform: 'linux', projectRoots: [join(root, 'project')] });

    it('finds the cache where the client wrote it', () => {
      for (const loc of expected.locations) {
        expect(locations).toContainEqual(expect.objectContaining({ format: loc.format, path: join(root, loc.path) }));
      }
    });

    it('lists what the registry served, per location', async () => {
      const result = await readCaches(locations, diskFs(MTIME));
      expect(result.diagnostics).toEqual([]);
      for (const loc of expected.locations) {
        const dir = join(root, loc.path);
        // A berry global folder holds both the cache/ and metadata/ locations: tell them apart by kind.
        const kinds = loc.format === 'npm-cacache' ? ['tarball', 'packument'] : loc.format.endsWith('metadata') ? ['packument'] : ['package'];
        const here = result.entries.filter((e) => e.path.startsWith(dir + '/') && kinds.includes(e.kind));
        expect(here.filter((e) => e.kind !== 'packument').map(id).sort(), loc.path).toEqual(loc.packages);
        expect(here.filter((e) => e.kind === 'packument').map((e) => e.name).sort(), loc.path).toEqual(loc.packuments);
        expect(result.locations).toContainEqual(expect.objectContaining({ format: loc.format, path: dir, status: 'read', entries: here.length }));
      }
      // Nothing else was found anywhere (every other default location is absent or empty).
      const total = expected.locations.reduce((n, l) => n + l.packages.length + l.packuments.length, 0);
      expect(result.entries).toHaveLength(total);
    });

    it('dates every entry', async () => {
      const result = await readCaches(locations, diskFs(MTIME));
      for (const e of result.entries) {
        if (e.cache !== 'npm') expect(e.fetchedAt).toBe(new Date(MTIME).toISOString());
        else {
          // npm keeps the fetch time in its index: it must fall within the client's run.
          const [from, to] = expected.locations[0]!.fetchedBetween;
          expect(e.fetchedAt! >= from && e.fetchedAt! <= to, `${id(e)} fetched ${e.fetchedAt}`).toBe(true);
        }
      }
    });

    if (expected.deleted) {
      it('marks entries npm deleted from its index afterwards', async () => {
        const result = await readCaches(locations, diskFs(MTIME));
        expect(result.entries.filter((e) => e.deleted).map(id)).toEqual(expected.deleted);
        const removed = result.entries.find((e) => e.deleted)!;
        expect(removed.fetchedAt! < removed.deletedAt!).toBe(true);
      });
    }
  });
});

function id(e: CacheEntry): string {
  return e.version === null ? e.name : `${e.name}@${e.version}`;
}
