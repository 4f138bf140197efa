import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, buildZip, sampleRecords } from '../advisories/sources/osv/test-support/zip.js';
import { advisoryDbStatus, openAdvisoryDb, updateAdvisoryDb } from './advisory-db.js';

const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-advdb-'));
const samples = sampleRecords();
const withdrawn = samples.filter(([f]) => f.endsWith('.withdrawn.json')).length;
let zip: Buffer;
let server: Server;
let base = '';
/** What the test server does per path. */
const routes: Record<string, (res: ServerResponse) => void> = {
  '/all.zip': (res) => res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length }).end(zip),
  '/missing.zip': (res) => res.writeHead(404, 'Not Found').end('no'),
  '/broken.zip': (res) => res.writeHead(500, 'Internal Server Error').end('oops'),
  '/silent.zip': () => {}, // never answers
  '/stalls.zip': (res) => { res.writeHead(200, { 'content-length': zip.length }); res.write(zip.subarray(0, 1000)); }, // then nothing
  '/cut.zip': (res) => { res.writeHead(200, { 'content-length': zip.length }); res.end(zip.subarray(0, 1000)); res.socket?.destroy(); },
};

beforeAll(async () => {
  zip = await buildZip(samples);
  server = createServer((req, res) => (routes[req.url ?? ''] ?? ((r) => r.writeHead(404).end()))(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

let n = 0;
const dbDir = () => {
  const dir = join(scratch, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const now = () => new Date('2025-12-01T12:00:00.000Z');

/** A database built from the first sample only: the "previous" database the failures must keep. */
async function previousDb(dir: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(dir, 'advisories.db');
  await updateAdvisoryDb({ source: join(SAMPLE_DIR, 'MAL-2025-46969__chalk.json'), dbPath: path, now });
  return { path, bytes: readFileSync(path) };
}

describe('updateAdvisoryDb', () => {
  it('downloads the export zip over HTTP and imports it', async () => {
    const dir = dbDir();
    const dbPath = join(dir, 'cache', 'advisories.db');
    const phases = new Set<string>();
    const r = await updateAdvisoryDb({ source: `${base}/all.zip`, dbPath, now, onProgress: (p) => phases.add(p.phase) });
    expect(r).toMatchObject({
      dbPath,
      source: `${base}/all.zip`,
      sourceKind: 'url',
      downloadedBytes: zip.length,
      stats: { records: samples.length, converted: samples.length - withdrawn, withdrawn, malformed: 0, notNpm: 0, stored: samples.length - withdrawn, replaced: 0, malware: samples.length - withdrawn, vulnerability: 0 },
      diagnostics: [],
    });
    expect([...phases]).toEqual(['download', 'import']);
    expect(readdirSync(join(dir, 'cache'))).toEqual(['advisories.db']); // no download, no temp file left

    const db = openAdvisoryDb(dbPath)!;
    const found = db.lookup(['chalk', '@ctrl/tinycolor', 'left-pad']);
    expect(found.get('chalk')!.map((a) => a.id)).toEqual(['MAL-2025-46969']);
    expect(found.get('@ctrl/tinycolor')![0]!.affected[0]!.ranges).toHaveLength(2);
    expect(found.has('left-pad')).toBe(false);
    db.close();
  });

  it('imports a local directory, file or zip, and replaces the previous database', async () => {
    const dir = dbDir();
    const { path } = await previousDb(dir);
    const zipPath = join(dir, 'all.zip');
    writeFileSync(zipPath, zip);
    for (const source of [SAMPLE_DIR, zipPath]) {
      const r = await updateAdvisoryDb({ source, dbPath: path, now });
      expect(r.sourceKind).toBe(source === zipPath ? 'zip' : 'dir');
      expect(r.stats.stored).toBe(samples.length - withdrawn);
    }
    // Relative to cwd.
    const r = await updateAdvisoryDb({ source: 'all.zip', cwd: dir, dbPath: path, now });
    expect(r.source).toBe(zipPath);
    expect(readdirSync(dir).sort()).toEqual(['advisories.db', 'all.zip']);
  });

  it('reports malformed records as a diagnostic and imports the rest', async () => {
    const dir = dbDir();
    const r = await updateAdvisoryDb({ source: join(__dirname, '../advisories/sources/osv/fixtures/broken'), dbPath: join(dir, 'a.db'), now });
    expect(r.stats).toMatchObject({ stored: 1, malformed: 5 });
    expect(r.diagnostics[0]!.message).toMatch(/^skipped 5 malformed OSV records/);
    expect((await advisoryDbStatus({ dbPath: join(dir, 'a.db'), now })).exists).toBe(true);
  });

  const failures: Array<[string, string, RegExp, string]> = [
    ['HTTP 404', '/missing.zip', /^http:\/\/127\.0\.0\.1:\d+\/missing\.zip: HTTP 404 Not Found$/, 'ERR_NETWORK'],
    ['HTTP 500', '/broken.zip', /^http:\/\/127\.0\.0\.1:\d+\/broken\.zip: HTTP 500 Internal Server Error$/, 'ERR_NETWORK'],
    ['a server that never answers', '/silent.zip', /silent\.zip: no data for 0\.3 s, gave up$/, 'ERR_NETWORK'],
    ['a download that stalls', '/stalls.zip', /stalls\.zip: no data for 0\.3 s, gave up$/, 'ERR_NETWORK'],
    ['a connection cut short', '/cut.zip', /cut\.zip: download failed \(/, 'ERR_NETWORK'],
  ];
  it.each(failures)('%s: one ToolError naming the URL, previous database intact, no temp files', async (_name, route, message, code) => {
    const dir = dbDir();
    const before = await previousDb(dir);
    await expect(updateAdvisoryDb({ source: `${base}${route}`, dbPath: before.path, timeoutMs: 300, now })).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
    expect(readFileSync(before.path).equals(before.bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['advisories.db']);
  });

  it('names the URL of a network failure (nothing listening)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/all.zip`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(updateAdvisoryDb({ source: url, dbPath: join(dbDir(), 'a.db') })).rejects.toMatchObject({
      code: 'ERR_NETWORK',
      message: `${url}: download failed (ECONNREFUSED)`,
    });
  });

  it('uses the injected fetch and OSV\'s export by default', async () => {
    const seen: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      seen.push(String(url));
      return new Response(zip, { status: 200 });
    }) as typeof fetch;
    const r = await updateAdvisoryDb({ dbPath: join(dbDir(), 'a.db'), fetch: fakeFetch });
    expect(seen).toEqual(['https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip']);
    expect(r.stats.stored).toBe(samples.length - withdrawn);
  });

  it('keeps the previous database when the source holds no npm advisories, or cannot be read', async () => {
    const dir = dbDir();
    const before = await previousDb(dir);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'pypi.json'), JSON.stringify({ id: 'PYSEC-1', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1'] }] }));
    await expect(updateAdvisoryDb({ source: empty, dbPath: before.path })).rejects.toMatchObject({
      code: 'ERR_FORMAT',
      message: `${empty}: no npm advisories in it (1 records: 0 withdrawn, 1 not for npm, 0 malformed)`,
    });
    const notZip = join(dir, 'fake.zip');
    writeFileSync(notZip, '<html>captive portal</html>');
    await expect(updateAdvisoryDb({ source: notZip, dbPath: before.path })).rejects.toMatchObject({ code: 'ERR_FORMAT' });
    await expect(updateAdvisoryDb({ source: join(dir, 'nope'), dbPath: before.path })).rejects.toMatchObject({ code: 'ERR_IO' });
    await expect(updateAdvisoryDb({ source: 'ftp://example.test/all.zip', dbPath: before.path })).rejects.toMatchObject({ code: 'ERR_USAGE' });
    expect(readFileSync(before.path).equals(before.bytes)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['advisories.db', 'empty', 'fake.zip']);
  });

  it('names the target when --db is a directory', async () => {
    const dir = dbDir();
    await expect(updateAdvisoryDb({ source: SAMPLE_DIR, dbPath: dir })).rejects.toMatchObject({ code: 'ERR_IO', message: expect.stringMatching(new RegExp(`^${dir}: cannot replace it \\(`)) });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an interrupted import leaves the previous database and no temporary files', async () => {
    const dir = dbDir();
    const before = await previousDb(dir);
    const controller = new AbortController();
    let tempSeen = false;
    const update = updateAdvisoryDb({
      source: SAMPLE_DIR,
      dbPath: before.path,
      signal: controller.signal,
      onProgress: (p) => {
        // The first import progress comes after the first records are stored in the temp file.
        if (p.phase === 'import') {
          tempSeen = readdirSync(dir).some((f) => f.endsWith('.tmp'));
          controller.abort();
        }
      },
    });
    await expect(update).rejects.toMatchObject({ code: 'ERR_INTERRUPTED', message: `update interrupted; ${before.path} is unchanged` });
    expect(tempSeen).toBe(true);
    expect(readFileSync(before.path).equals(before.bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['advisories.db']);
  });

  it('an interrupted download leaves the previous database and no temporary files', async () => {
    const dir = dbDir();
    const before = await previousDb(dir);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(updateAdvisoryDb({ source: `${base}/stalls.zip`, dbPath: before.path, signal: controller.signal, timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'ERR_INTERRUPTED' });
    expect(readFileSync(before.path).equals(before.bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['advisories.db']);
  });
});

describe('advisoryDbStatus and openAdvisoryDb', () => {
  it('reports a missing database as absent, not as an error', async () => {
    const dbPath = join(dbDir(), 'none.db');
    expect(await advisoryDbStatus({ dbPath })).toEqual({ dbPath, exists: false });
    expect(openAdvisoryDb(dbPath)).toBeNull();
  });

  it('reports sources, counts and age', async () => {
    const dbPath = join(dbDir(), 'a.db');
    await updateAdvisoryDb({ source: SAMPLE_DIR, dbPath, now });
    const status = await advisoryDbStatus({ dbPath, now: () => new Date('2025-12-04T12:00:00.000Z') });
    expect(status).toMatchObject({
      dbPath,
      exists: true,
      schemaVersion: 1,
      builtAt: '2025-12-01T12:00:00.000Z',
      sources: [{ id: 'osv', location: SAMPLE_DIR, importedAt: '2025-12-01T12:00:00.000Z', records: samples.length - withdrawn, skipped: withdrawn, newestModified: '2025-12-01T04:28:31Z', ageMs: 3 * 24 * 3600 * 1000 }],
      counts: { malware: samples.length - withdrawn, vulnerability: 0, total: samples.length - withdrawn },
    });
    expect(status.exists && status.sizeBytes).toBeGreaterThan(0);
  });

  it('tells the user to rebuild a corrupted database', async () => {
    const dbPath = join(dbDir(), 'a.db');
    writeFileSync(dbPath, Buffer.alloc(8192, 7));
    const expected = { code: 'ERR_DATABASE', message: `${dbPath} is not a usable chainwatch database (not an SQLite file); delete it or run \`chainwatch db update\` to rebuild it` };
    await expect(advisoryDbStatus({ dbPath })).rejects.toMatchObject(expected);
    expect(() => openAdvisoryDb(dbPath)).toThrow(expect.objectContaining(expected));
    // And update rebuilds it.
    await updateAdvisoryDb({ source: SAMPLE_DIR, dbPath });
    expect(existsSync(dbPath) && openAdvisoryDb(dbPath)!.lookup(['chalk']).size).toBe(1);
  });
});
