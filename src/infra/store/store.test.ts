import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../../advisories/index.js';
import { createAdvisoryDbWriter, defaultAdvisoryDbPath, openAdvisoryDbReader, replaceFileAtomically } from '../index.js';
import { sqlite } from './sqlite.js';

const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(scratch, `db-${++n}.db`);

function advisory(id: string, names: string[], over: Partial<Advisory> = {}): Advisory {
  return {
    id, aliases: [], source: 'osv', kind: 'malware', title: `t ${id}`, summary: 's', severity: 'critical',
    published: '2025-01-01T00:00:00Z', modified: '2025-01-02T00:00:00Z', references: [],
    affected: names.map((name) => ({ name, versions: ['1.0.0'] })), ...over,
  };
}

function build(path: string, advisories: Advisory[]): number {
  const w = createAdvisoryDbWriter(path, { builtAt: '2025-06-01T00:00:00.000Z' });
  let replaced = 0;
  for (const a of advisories) replaced += w.put('osv', a);
  w.putSource({ id: 'osv', location: '/data/all.zip', importedAt: '2025-06-01T00:00:00.000Z', records: w.count('osv'), skipped: replaced, newestModified: '2025-01-02T00:00:00Z' });
  w.close();
  return replaced;
}

describe('advisory database', () => {
  it('stores advisories and looks many names up in one batch', () => {
    const path = fresh();
    const a = advisory('MAL-1', ['evil']);
    const b = advisory('GHSA-2', ['lodash', 'evil'], { kind: 'vulnerability', severity: 'high' });
    build(path, [a, b, advisory('MAL-3', ['other'])]);
    const db = openAdvisoryDbReader(path);
    const found = db.lookup(['evil', 'lodash', 'nothing', 'evil']);
    expect([...found.keys()].sort()).toEqual(['evil', 'lodash']);
    expect(found.get('evil')).toEqual([b, a]); // by id
    expect(found.get('lodash')).toEqual([b]);
    // The same advisory object for both names: parsed once per lookup.
    expect(found.get('lodash')![0]).toBe(found.get('evil')![0]);
    expect(db.lookup([]).size).toBe(0);
    expect(db.summary()).toEqual({
      schemaVersion: 1,
      builtAt: '2025-06-01T00:00:00.000Z',
      sources: [{ id: 'osv', location: '/data/all.zip', importedAt: '2025-06-01T00:00:00.000Z', records: 3, skipped: 0, newestModified: '2025-01-02T00:00:00Z' }],
      counts: { malware: 2, vulnerability: 1, total: 3, packages: 3 },
    });
    db.close();
  });

  it('looks up a batch with one statement that the name index drives', () => {
    const path = fresh();
    build(path, Array.from({ length: 2000 }, (_, i) => advisory(`MAL-${i}`, [`pkg-${i}`])));
    const raw = new (sqlite())(path, { readonly: true });
    const plan = raw.prepare(
      `EXPLAIN QUERY PLAN SELECT p.name, a.id, a.json FROM json_each(?) AS j CROSS JOIN package_advisories AS p ON p.name = j.value
       CROSS JOIN advisories AS a ON a.id = p.advisory_id ORDER BY p.name, a.id`,
    ).all('[]') as { detail: string }[];
    raw.close();
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/SEARCH p USING PRIMARY KEY \(name=\?\)/);
    expect(details).toMatch(/SEARCH a USING INDEX sqlite_autoindex_advisories_1 \(id=\?\)/);
    const db = openAdvisoryDbReader(path);
    const names = Array.from({ length: 10_000 }, (_, i) => `pkg-${i}`);
    expect(db.lookup(names).size).toBe(2000);
    db.close();
  });

  it('stores an advisory once when a later record shares its id or an alias', () => {
    const path = fresh();
    const replaced = build(path, [
      advisory('GHSA-x', ['a']),
      advisory('MAL-1', ['a'], { aliases: ['GHSA-x'] }), // replaces GHSA-x
      advisory('MAL-2', ['b'], { aliases: ['CVE-9'] }),
      advisory('GHSA-y', ['c'], { aliases: ['CVE-9', 'MAL-1'] }), // replaces MAL-1 and MAL-2
    ]);
    expect(replaced).toBe(3);
    const db = openAdvisoryDbReader(path);
    const found = db.lookup(['a', 'b', 'c']);
    expect([...found.keys()]).toEqual(['c']);
    expect(found.get('c')!.map((x) => x.id)).toEqual(['GHSA-y']);
    expect(db.summary().counts.total).toBe(1);
    db.close();
  });

  describe('refuses a file it cannot use, with the rebuild hint', () => {
    const rebuild = /^(.+) is not a usable chainwatch database \((.+)\); delete it or run `chainwatch db update` to rebuild it$/;
    const cases: Array<[string, (path: string) => void, RegExp]> = [
      ['a text file', (p) => writeFileSync(p, 'this is not a database at all, just some text that is long enough'), /not an SQLite file|file is not a database/],
      ['an empty file', (p) => writeFileSync(p, ''), /an empty file/],
      ['another SQLite database', (p) => { const d = new (sqlite())(p); d.exec('CREATE TABLE t (x)'); d.close(); }, /not one chainwatch wrote/],
      ['a database of another schema version', (p) => {
        build(p, [advisory('MAL-1', ['a'])]);
        const d = new (sqlite())(p); d.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'"); d.close();
      }, /schema version 99, this chainwatch reads 1: it was built by a newer chainwatch/],
      ['a directory', (p) => mkdirSync(p), /./],
    ];
    it.each(cases)('%s', (_name, make, reason) => {
      const path = fresh();
      make(path);
      let error: unknown;
      try {
        openAdvisoryDbReader(path).close();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'ERR_DATABASE', message: expect.stringMatching(rebuild) });
      expect((error as Error).message).toContain(path);
      expect((error as Error).message.match(rebuild)![2]).toMatch(reason);
    });

    it('a file truncated after it was opened fails at lookup with the same error', () => {
      const path = fresh();
      build(path, Array.from({ length: 3000 }, (_, i) => advisory(`MAL-${i}`, [`pkg-${i}`], { summary: 'x'.repeat(500) })));
      truncateSync(path, Math.floor(readFileSync(path).length / 3));
      let error: unknown;
      try {
        const db = openAdvisoryDbReader(path);
        db.lookup(Array.from({ length: 3000 }, (_, i) => `pkg-${i}`));
        db.summary();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'ERR_DATABASE', message: expect.stringMatching(rebuild) });
    });
  });
});

describe('replaceFileAtomically', () => {
  it('renames the finished file over the old one and leaves no temporary file', async () => {
    const dir = join(scratch, 'atomic-ok', 'nested');
    const target = join(dir, 'file.db');
    await replaceFileAtomically(target, async (temp) => writeFileSync(temp, 'old'));
    await replaceFileAtomically(target, async (temp) => {
      expect(temp.startsWith(join(dir, '.file.db.'))).toBe(true);
      writeFileSync(temp, 'new');
    });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['file.db']);
  });

  it('leaves the old file alone and removes the temporary one when the build fails', async () => {
    const dir = join(scratch, 'atomic-fail');
    const target = join(dir, 'file.db');
    await replaceFileAtomically(target, async (temp) => writeFileSync(temp, 'old'));
    let seen = '';
    await expect(replaceFileAtomically(target, async (temp) => {
      seen = temp;
      writeFileSync(temp, 'half');
      writeFileSync(`${temp}-journal`, 'j');
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(existsSync(seen)).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['file.db']);
  });

  it('says which directory it cannot create', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    await expect(replaceFileAtomically(join(file, 'sub', 'x.db'), async () => {})).rejects.toMatchObject({ code: 'ERR_IO', message: expect.stringContaining(`${join(file, 'sub')}: cannot create the directory`) });
  });
});

describe('defaultAdvisoryDbPath', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/xdg' }, '/home/u', '/xdg/chainwatch/advisories.db'],
    [{}, '/home/u', '/home/u/.cache/chainwatch/advisories.db'],
    [{ XDG_CACHE_HOME: '' }, '/home/u', '/home/u/.cache/chainwatch/advisories.db'],
    [{ XDG_CACHE_HOME: 'relative/cache' }, '/home/u', '/home/u/.cache/chainwatch/advisories.db'],
  ])('%j, home %s -> %s', (env, home, expected) => {
    expect(defaultAdvisoryDbPath(env, home)).toBe(expected);
  });
});
