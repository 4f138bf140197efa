import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdvisoryIndex } from '../advisories/index.js';
import { hostKey, testNpmConfig } from '../registry/test-support/setup.js';
import { packPackages, startRegistry, type TestRegistry } from '../registry/test-support/registry-server.js';
import { gateFixturePackages } from './test-support/fixture-packages.js';
import { DEFAULT_POLICY, type GatePolicy } from './policy.js';
import { startGate, type Gate, type GateEvent, type GateOptions } from './server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();

const packed = packPackages(gateFixturePackages(now));
const malware = createAdvisoryIndex([
  { id: 'MAL-TEST-0001', aliases: [], source: 'osv', kind: 'malware', title: 'test malware', summary: '', severity: 'critical', published: '', modified: '', references: [], affected: [{ name: 'cw-bad', versions: ['1.0.1'] }] },
]);

let upstream: TestRegistry;
let work: string;
let gate: Gate | undefined;
let events: GateEvent[];

beforeAll(async () => {
  upstream = await startRegistry(packed, { tokens: { '@private/pkg': 'secret-token' } });
});
afterAll(() => upstream.close());
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'cw-gate-test-'));
  upstream.log.length = 0;
  upstream.intercept = undefined;
  events = [];
});
afterEach(async () => {
  await gate?.close();
  gate = undefined;
  rmSync(work, { recursive: true, force: true });
});

async function start(policy: Partial<GatePolicy> = {}, extra: Partial<GateOptions> = {}): Promise<Gate> {
  const config = await testNpmConfig(work, upstream.url, [`${hostKey(upstream.url)}:_authToken=secret-token`]);
  gate = await startGate({ config, policy: { ...DEFAULT_POLICY, ...policy }, advisories: [malware], cache: false, onEvent: (e) => events.push(e), ...extra });
  return gate;
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${gate!.url}${path}`, { headers });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads of untyped JSON
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, any> };
}

describe('the gate', () => {
  it('serves packuments without blocked versions, with tags moved and tarballs pointing at itself', async () => {
    await start();
    const res = await get('cw-dep');
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc['versions'])).toEqual(['1.0.0']);
    expect(doc['dist-tags']).toEqual({ latest: '1.0.0' });
    expect(doc['versions']['1.0.0'].dist.tarball).toBe(`${gate!.url}cw-dep/-/cw-dep-1.0.0.tgz`);
    expect(events).toContainEqual(expect.objectContaining({ type: 'packument', name: 'cw-dep', versions: 2, blocked: [expect.objectContaining({ version: '1.1.0' })] }));
  });

  it('leaves the upstream tarball URLs to npm, which writes them into its lockfile', async () => {
    await start();
    const doc = (await get('cw-dep', { 'user-agent': 'npm/11.19.1 node/v20.20.2 linux x64' })).json();
    expect(doc['versions']['1.0.0'].dist.tarball).toBe(`${upstream.url}cw-dep/-/cw-dep-1.0.0.tgz`);
    expect(Object.keys(doc['versions'])).toEqual(['1.0.0']);
    const pnpm = (await get('cw-dep', { 'user-agent': 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64' })).json();
    expect(pnpm['versions']['1.0.0'].dist.tarball).toBe(`${gate!.url}cw-dep/-/cw-dep-1.0.0.tgz`);
  });

  it('serves the abbreviated form to clients that ask for it, filtered the same way', async () => {
    await start();
    const res = await get('cw-bad', { accept: 'application/vnd.npm.install-v1+json' });
    expect(res.headers.get('content-type')).toBe('application/vnd.npm.install-v1+json');
    const doc = res.json();
    expect(doc['time']).toBeUndefined();
    expect(Object.keys(doc['versions'])).toEqual(['1.0.0']);
    expect(doc['dist-tags']['latest']).toBe('1.0.0');
  });

  it('decides on the abbreviated document alone when nothing in the package is younger than the cooldown', async () => {
    await start();
    const corgi = { accept: 'application/vnd.npm.install-v1+json' };
    expect((await get('cw-bad', corgi)).status).toBe(200);
    expect((await get('cw-bad/-/cw-bad-1.0.0.tgz')).status).toBe(200);
    expect(upstream.log.filter((r) => r.path === '/cw-bad').map((r) => r.accept)).toEqual(['application/vnd.npm.install-v1+json']);
    // cw-dep changed an hour ago: its publish times are needed, and only the full document has them.
    expect(Object.keys((await get('cw-dep', corgi)).json()['versions'])).toEqual(['1.0.0']);
    expect(upstream.log.filter((r) => r.path === '/cw-dep').map((r) => r.accept)).toEqual(['application/vnd.npm.install-v1+json', 'application/json']);
  });

  it('refuses the tarball of a blocked version with 403 and a JSON body naming the rule', async () => {
    await start();
    const res = await get('cw-bad/-/cw-bad-1.0.1.tgz');
    expect(res.status).toBe(403);
    expect(res.json()['error']).toBe('chainwatch blocked cw-bad@1.0.1 (advisory: known malicious: MAL-TEST-0001 test malware)');
    expect(upstream.log.some((r) => r.path.endsWith('.tgz'))).toBe(false);
  });

  it('streams an allowed tarball from the upstream, checked against its integrity', async () => {
    await start();
    const res = await fetch(`${gate!.url}cw-bad/-/cw-bad-1.0.0.tgz`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(packed.get('cw-bad@1.0.0')!.tgz)).toBe(true);
  });

  it('keeps a verified tarball in memory: the second download does not reach the upstream', async () => {
    await start();
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${gate!.url}cw-dep/-/cw-dep-1.0.0.tgz`);
      expect(Buffer.from(await res.arrayBuffer()).equals(packed.get('cw-dep@1.0.0')!.tgz)).toBe(true);
    }
    expect(upstream.log.filter((r) => r.path.endsWith('.tgz'))).toHaveLength(1);
  });

  it('refuses a tampered tarball instead of passing it on', async () => {
    await start();
    upstream.intercept = (req, res) => {
      if (!req.url!.endsWith('.tgz')) return false;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from('not the published bytes'));
      return true;
    };
    const res = await get('cw-bad/-/cw-bad-1.0.0.tgz');
    expect(res.status).toBe(502);
    expect(res.json()['error']).toContain('does not match its published integrity');
  });

  it('answers 403 naming chainwatch for a package with no allowed version at all', async () => {
    await start();
    const res = await get('cw-scripts');
    expect(res.status).toBe(403);
    expect(res.json()['error']).toBe('chainwatch blocked every version of cw-scripts (install-scripts: runs postinstall at install and is not in policy.installScripts.allow)');
  });

  it('lets an allowed install script through', async () => {
    await start({ installScripts: { action: 'block', allow: ['cw-scripts'] } });
    expect((await get('cw-scripts')).status).toBe(200);
    expect((await get('cw-scripts/-/cw-scripts-1.0.0.tgz')).status).toBe(200);
  });

  it('answers version and tag documents as the rewritten packument has them', async () => {
    await start();
    expect((await get('cw-dep/latest')).json()['version']).toBe('1.0.0');
    expect((await get('cw-dep/1.1.0')).status).toBe(403);
    expect((await get('cw-dep/9.9.9')).status).toBe(404);
  });

  it('authenticates to the upstream with the configured token, never forwarding the client credentials', async () => {
    await start();
    const res = await get('@private%2fpkg', { authorization: 'Bearer client-token' });
    expect(res.status).toBe(200);
    expect(upstream.log.every((r) => r.authorization === 'Bearer secret-token')).toBe(true);
    expect((await get('@private/pkg/-/pkg-1.0.0.tgz')).status).toBe(200);
  });

  it('does not send the upstream token to a tarball host on another origin', async () => {
    const cdn = await startRegistry(packed);
    try {
      upstream.tarballBase = cdn.url;
      await start();
      expect((await get('cw-dep/-/cw-dep-1.0.0.tgz')).status).toBe(200);
      expect(cdn.log.map((r) => [r.path, r.authorization])).toEqual([['/cw-dep/-/cw-dep-1.0.0.tgz', undefined]]);
    } finally {
      upstream.tarballBase = '';
      await cdn.close();
    }
  });

  it('passes other requests and upstream errors on unchanged', async () => {
    await start();
    const missing = await get('no-such-package');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ error: 'not found' });
    upstream.intercept = (req, res) => {
      if (!req.url!.startsWith('/-/v1/search')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ objects: [], query: req.url }));
      return true;
    };
    const search = await get('-/v1/search?text=chalk&size=1');
    expect(search.json()).toEqual({ objects: [], query: '/-/v1/search?text=chalk&size=1' });
  });

  it('answers 502 with the upstream named when the upstream cannot be reached', async () => {
    const config = await testNpmConfig(work, 'http://127.0.0.1:9/');
    gate = await startGate({ config, policy: DEFAULT_POLICY, advisories: [], cache: false });
    const res = await get('cw-dep');
    expect(res.status).toBe(502);
    expect(res.json()['error']).toMatch(/^cw-dep: cannot fetch http:\/\/127\.0\.0\.1:9\/cw-dep/);
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    await start({}, { timeoutMs: 200 });
    upstream.intercept = () => true; // never answers
    const res = await get('cw-dep');
    expect(res.status).toBe(504);
    expect(res.json()['error']).toMatch(/^cw-dep: http:\/\/127\.0\.0\.1:\d+\/cw-dep timed out after 200 ms$/);
  });

  it('serves a cached packument from memory, with an ETag the client can revalidate', async () => {
    await start();
    const first = await get('cw-dep');
    const etag = first.headers.get('etag')!;
    const second = await get('cw-dep', { 'if-none-match': etag });
    expect(second.status).toBe(304);
    expect(upstream.log.filter((r) => r.path === '/cw-dep')).toHaveLength(1);
  });

  it('lets a held-back version through once it comes of age', async () => {
    let clock = now;
    await start({}, { now: () => clock });
    expect(Object.keys((await get('cw-dep')).json()['versions'])).toEqual(['1.0.0']);
    clock = now + 3 * DAY;
    expect(Object.keys((await get('cw-dep')).json()['versions'])).toEqual(['1.0.0', '1.1.0']);
  });

  it('inspects tarballs when the policy asks, and blocks what the engine judges malicious', async () => {
    const inspected: string[] = [];
    await start({ malicious: 'block' }, { inspect: async (_bytes, pkg) => (inspected.push(pkg.version), pkg.version === '1.0.0' ? 'malicious' : 'clean') });
    const res = await get('cw-dep/-/cw-dep-1.0.0.tgz');
    expect(res.status).toBe(403);
    expect(res.json()['error']).toContain('malicious: the detection engine judged its tarball malicious');
    expect((await get('cw-dep')).status).toBe(403);
    expect(inspected).toEqual(['1.0.0']);
  });

  it('says which port is taken, as a usage error', async () => {
    const first = await start();
    const config = await testNpmConfig(work, upstream.url);
    const error = await startGate({ config, policy: DEFAULT_POLICY, advisories: [], port: first.port }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_USAGE', message: `cannot listen on 127.0.0.1:${first.port}: the port is in use` });
  });

  it('answers /healthz when run as the long-running proxy', async () => {
    await start({}, { health: true });
    expect((await get('healthz')).json()).toEqual({ status: 'ok', upstream: upstream.url });
  });
});
