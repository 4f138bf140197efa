import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, sampleRecords } from '../../src/advisories/sources/osv/test-support/zip.js';

// `chainwatch db` as a user runs it (npm test builds first), against a local HTTP server that
// serves a zip of the real OSV records kept as fixtures. The server runs in this process, so the
// CLI is spawned asynchronously (spawnSync would block the server).
const repo = resolve(__dirname, '../..');
const bin = join(repo, 'dist/bundle/main.js');
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-e2e-db-'));
const samples = sampleRecords();
const stored = samples.filter(([f]) => !f.endsWith('.withdrawn.json')).length;
let zip: Buffer;
let server: Server;
let base = '';
const requests: string[] = [];
let onStall: (() => void) | undefined;

beforeAll(async () => {
  zip = await buildZip(samples);
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/all.zip') res.writeHead(200, { 'content-length': zip.length }).end(zip);
    else if (req.url === '/stall.zip') {
      res.writeHead(200, { 'content-length': zip.length });
      res.write(zip.subarray(0, 100));
      onStall?.();
    } else res.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(scratch, { recursive: true, force: true });
});

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function cli(args: string[], opts: { env?: Record<string, string>; whenStalled?: (kill: (s: NodeJS.Signals) => void) => void } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: scratch, env: { PATH: process.env.PATH ?? '', HOME: scratch, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    onStall = opts.whenStalled ? () => opts.whenStalled!((s) => child.kill(s)) : undefined;
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

let n = 0;
function caseDir(): string {
  const dir = join(scratch, `case-${++n}`);
  mkdirSync(dir);
  return dir;
}

describe('chainwatch db', () => {
  it('downloads a zip over HTTP, imports it, and reports status', async () => {
    const db = join(caseDir(), 'advisories.db');
    const r = await cli(['db', 'update', '--source', `${base}/all.zip`, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Updated ${db}`);
    expect(r.stdout).toContain(`source   ${base}/all.zip (0.1 MB downloaded)`);
    expect(r.stdout).toContain(`stored   ${stored} advisories: ${stored} malware, 0 vulnerabilities`);

    const s = await cli(['db', 'status', '--db', db, '--format', 'json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ exists: true, sources: [{ id: 'osv', location: `${base}/all.zip`, records: stored }], counts: { malware: stored, total: stored } });
  });

  it('builds the database in XDG_CACHE_HOME by default', async () => {
    const cache = caseDir();
    const r = await cli(['db', 'update', '--source', `${base}/all.zip`], { env: { XDG_CACHE_HOME: cache } });
    expect(r.code).toBe(0);
    expect(readdirSync(join(cache, 'chainwatch'))).toEqual(['advisories.db']);
    const s = await cli(['db', 'status'], { env: { XDG_CACHE_HOME: cache } });
    expect(s.stdout).toContain(join(cache, 'chainwatch', 'advisories.db'));
  });

  it('keeps the previous database on HTTP 404, exit 2 with one line naming the URL', async () => {
    const dir = caseDir();
    const db = join(dir, 'advisories.db');
    expect((await cli(['db', 'update', '--source', `${base}/all.zip`, '--db', db])).code).toBe(0);
    const before = readFileSync(db);
    const r = await cli(['db', 'update', '--source', `${base}/gone.zip`, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`chainwatch: error: ${base}/gone.zip: HTTP 404 Not Found`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['advisories.db']);
  });

  it('Ctrl-C during the download leaves the previous database and no temporary files', async () => {
    const dir = caseDir();
    const db = join(dir, 'advisories.db');
    expect((await cli(['db', 'update', '--source', `${base}/all.zip`, '--db', db])).code).toBe(0);
    const before = readFileSync(db);
    const r = await cli(['db', 'update', '--source', `${base}/stall.zip`, '--db', db], { whenStalled: (kill) => setTimeout(() => kill('SIGINT'), 100) });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`chainwatch: error: update interrupted; ${db} is unchanged`);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['advisories.db']);
  });

  it('tells the user to rebuild a corrupted database file, exit 2', async () => {
    const db = join(caseDir(), 'advisories.db');
    writeFileSync(db, Buffer.alloc(10_000, 1));
    const r = await cli(['db', 'status', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `chainwatch: error: ${db} is not a usable chainwatch database (not an SQLite file); delete it or run \`chainwatch db update\` to rebuild it\n` +
        'hint: `chainwatch db update` builds a new file beside it and replaces it only once complete\n',
    );
    // And update replaces it.
    expect((await cli(['db', 'update', '--source', `${base}/all.zip`, '--db', db])).code).toBe(0);
    expect((await cli(['db', 'status', '--db', db])).code).toBe(0);
  });

  it('shows help with examples', async () => {
    for (const args of [['db', '--help'], ['db', 'update', '--help'], ['db', 'status', '--help']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
    expect(existsSync(bin)).toBe(true);
  });
});
