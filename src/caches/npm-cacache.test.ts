import { describe, expect, it } from 'vitest';
import { entriesFromLines, parseBucket } from './npm-cacache.js';
import { readCaches } from './read-caches.js';
import { memFs } from './test-support/mem-fs.js';
import { bucketPath, indexLine, requestKey } from './test-support/npm-index.js';

const R = 'https://registry.example.test';
const T0 = Date.UTC(2025, 8, 8, 13, 16);
const corgi = { reqHeaders: { accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*' } };
const at = (ms: number) => new Date(ms).toISOString();

describe('npm cache index buckets', () => {
  it('skips a broken line and keeps the rest', () => {
    const good = indexLine({ key: requestKey(`${R}/debug/-/debug-4.4.2.tgz`), time: T0 });
    const tampered = indexLine({ key: requestKey(`${R}/chalk/-/chalk-5.6.1.tgz`), time: T0 }).replace('5.6.1', '5.6.2');
    const text = `${good}\nnot-a-line${tampered}\n${'0'.repeat(40)}\t{"key":`;
    const { lines, diagnostics } = parseBucket(text, '/c/bucket');
    expect(lines.map((l) => l.key)).toEqual([requestKey(`${R}/debug/-/debug-4.4.2.tgz`)]);
    expect(diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ['caches/bad-line', 3],
      ['caches/bad-line', 4],
      ['caches/bad-line', 5],
    ]);
    expect(diagnostics[0]!.message).toBe('/c/bucket:3: index line does not match its checksum (cacache ignores it too); line skipped');
  });

  it('dates a key by its first stored line and marks a deletion as the last word', () => {
    const key = requestKey(`${R}/@ctrl%2ftinycolor/-/tinycolor-4.1.1.tgz`);
    const text = [
      indexLine({ key, time: T0 }),
      indexLine({ key, time: T0 + 60_000 }), // refreshed
      indexLine({ key, integrity: null, time: T0 + 120_000 }), // npm cache clean <key>
    ].join('');
    const { lines } = parseBucket(text, '/c/b');
    expect(entriesFromLines(lines, '/c/b')).toEqual([
      {
        name: '@ctrl/tinycolor',
        version: '4.1.1',
        cache: 'npm',
        kind: 'tarball',
        path: '/c/b',
        fetchedAt: at(T0),
        url: `${R}/@ctrl%2ftinycolor/-/tinycolor-4.1.1.tgz`,
        deleted: true,
        deletedAt: at(T0 + 120_000),
      },
    ]);
  });

  it('keeps a key stored again after a deletion, not deleted', () => {
    const key = requestKey(`${R}/debug/-/debug-4.4.2.tgz`);
    const text = indexLine({ key, time: T0 }) + indexLine({ key, integrity: null, time: T0 + 1 }) + indexLine({ key, time: T0 + 2 });
    const [entry] = entriesFromLines(parseBucket(text, '/b').lines, '/b');
    expect(entry).toMatchObject({ name: 'debug', version: '4.4.2', fetchedAt: at(T0) });
    expect(entry).not.toHaveProperty('deleted');
  });

  it('reports a key known only from its deletion line, undated', () => {
    const text = indexLine({ key: requestKey(`${R}/debug/-/debug-4.4.2.tgz`), integrity: null, time: T0 });
    expect(entriesFromLines(parseBucket(text, '/b').lines, '/b')).toMatchObject([{ name: 'debug', fetchedAt: null, deleted: true, deletedAt: at(T0) }]);
  });

  it('tells packuments from other downloads by the accept header npm sent', () => {
    const text = [
      indexLine({ key: requestKey(`${R}/chalk`), time: T0, metadata: corgi }),
      indexLine({ key: requestKey(`${R}/@ctrl%2ftinycolor`), time: T0, metadata: { reqHeaders: { accept: 'application/json' } } }),
      // a git host's archive: `<host>/<user>/<repo>/tar.gz/<commit>` looks like a name, but not requested as JSON
      indexLine({ key: requestKey('https://codeload.example.test/u/r/tar.gz/0123abcd'), time: T0, metadata: { reqHeaders: {} } }),
      // other caches sharing the folder, and npm's own endpoints
      indexLine({ key: 'pacote:tarball:debug@4.4.2', time: T0 }),
      indexLine({ key: requestKey(`${R}/-/npm/v1/keys`), time: T0, metadata: corgi }),
    ].join('');
    const entries = entriesFromLines(parseBucket(text, '/b').lines, '/b');
    expect(entries.map((e) => [e.kind, e.name, e.version])).toEqual([
      ['packument', 'chalk', null],
      ['packument', '@ctrl/tinycolor', null],
    ]);
  });
});

describe('reading an npm cache folder', () => {
  const tgz = requestKey(`${R}/debug/-/debug-4.4.2.tgz`);
  const doc = requestKey(`${R}/debug`);

  it('walks index-v5 and never opens content blobs', async () => {
    const fs = memFs({
      [bucketPath('/home/u/.npm', tgz)]: indexLine({ key: tgz, time: T0 }),
      [bucketPath('/home/u/.npm', doc)]: indexLine({ key: doc, time: T0 - 1000, metadata: corgi }),
      '/home/u/.npm/_cacache/content-v2/sha512/ab/cd/ef': 'tarball bytes',
      '/home/u/.npm/_logs/debug.log': 'log',
    });
    const result = await readCaches([{ format: 'npm-cacache', path: '/home/u/.npm', origin: 'default' }], fs);
    expect(result.entries.map((e) => [e.kind, e.name, e.version, e.fetchedAt])).toEqual([
      ['packument', 'debug', null, at(T0 - 1000)],
      ['tarball', 'debug', '4.4.2', at(T0)],
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(fs.reads.every((p) => p.includes('/index-v5/'))).toBe(true);
  });

  it('accepts the _cacache folder itself as the location', async () => {
    const fs = memFs({ [bucketPath('/c', tgz)]: indexLine({ key: tgz, time: T0 }) });
    const result = await readCaches([{ format: 'npm-cacache', path: '/c/_cacache', origin: 'test' }], fs);
    expect(result.entries).toHaveLength(1);
  });

  it('turns an unreadable bucket into a diagnostic and reads the others', async () => {
    const fs = memFs({
      [bucketPath('/c', tgz)]: indexLine({ key: tgz, time: T0 }),
      [bucketPath('/c', doc)]: { unreadable: true },
    });
    const result = await readCaches([{ format: 'npm-cacache', path: '/c', origin: 'test' }], fs);
    expect(result.entries.map((e) => e.name)).toEqual(['debug']);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'caches/unreadable', message: `${bucketPath('/c', doc)}: permission denied; skipped` }),
    ]);
  });

  it('is quiet about an npm cache folder without an index', async () => {
    const result = await readCaches([{ format: 'npm-cacache', path: '/c', origin: 'test' }], memFs({ '/c/_logs/x.log': '' }));
    expect(result).toMatchObject({ entries: [], diagnostics: [], locations: [{ status: 'read', entries: 0 }] });
  });
});
