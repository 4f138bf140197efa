import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../core/index.js';
import { fetchPackument, fetchTarball, fetchVersionTarball, matchesIntegrity, resolveRelease, type NpmConfig } from './index.js';
import { failure, hostKey as registryKey, testNpmConfig } from './test-support/setup.js';
import { packPackages, startRegistry, type TestRegistry } from './test-support/registry-server.js';

const packed = packPackages([
  { name: 'demo', version: '1.0.0' },
  { name: 'demo', version: '1.1.0' },
  { name: 'demo', version: '2.0.0-beta.1' },
  { name: '@private/lib', version: '3.0.0' },
]);
const demo110 = packed.get('demo@1.1.0')!;

let main: TestRegistry;
let other: TestRegistry;
let work: string;

beforeAll(async () => {
  main = await startRegistry(packed);
  other = await startRegistry(packed);
});
afterAll(async () => {
  await main.close();
  await other.close();
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'cw-registry-test-'));
  main.log.length = 0;
  other.log.length = 0;
  main.tarballBase = '';
  other.tarballBase = '';
  main.intercept = undefined;
  other.intercept = undefined;
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const hostKey = (r: TestRegistry) => registryKey(r.url);
const configWith = (lines: string[]): Promise<NpmConfig> => testNpmConfig(work, main.url, lines);

describe('fetchTarball', () => {
  it('resolves a range against the configured registry and returns the verified tarball', async () => {
    const config = await configWith([]);
    const got = await fetchTarball('demo@^1.0.0', { config });
    expect(got).toMatchObject({ spec: 'demo@^1.0.0', name: 'demo', version: '1.1.0', registry: main.url, integrity: demo110.integrity });
    expect(got.tarballUrl).toBe(`${main.url}demo/-/demo-1.1.0.tgz`);
    expect(got.data.equals(demo110.tgz)).toBe(true);
    expect(got.manifest).toMatchObject({ name: 'demo', version: '1.1.0' });
    // Abbreviated packument, as npm asks for it.
    expect(main.log[0]).toMatchObject({ path: '/demo', accept: expect.stringContaining('application/vnd.npm.install-v1+json'), userAgent: 'chainwatch' });
  });

  it('takes exact versions, tags, bare names and aliases', async () => {
    const config = await configWith([]);
    expect((await fetchTarball('demo@1.0.0', { config, cache: false })).version).toBe('1.0.0');
    expect((await fetchTarball('demo@latest', { config, cache: false })).version).toBe('1.1.0');
    expect((await fetchTarball('demo', { config, cache: false })).version).toBe('1.1.0');
    expect((await fetchTarball('demo@next', { config, cache: false })).version).toBe('2.0.0-beta.1');
    expect((await fetchTarball('renamed@npm:demo@2.0.0-beta.1', { config, cache: false })).version).toBe('2.0.0-beta.1');
  });

  it('refuses specs that are not registry packages, so nothing is ever built or run', async () => {
    const config = await configWith([]);
    for (const spec of ['git+https://example.test/a/b.git', 'file:../pkg.tgz', './some-dir', 'http://example.test/x.tgz']) {
      const e = await failure(fetchTarball(spec, { config }));
      expect(e.code).toBe(ErrorCodes.usage);
      expect(e.message).toMatch(/not a registry package/);
    }
    expect((await failure(fetchTarball('demo@:::', { config }))).code).toBe(ErrorCodes.usage);
    expect(main.log).toEqual([]);
  });

  it('rejects a tarball whose bytes do not match dist.integrity', async () => {
    const config = await configWith([]);
    main.intercept = (req, res) => {
      if (!req.url?.endsWith('.tgz')) return false;
      const evil = Buffer.from(demo110.tgz);
      evil[evil.length - 10]! ^= 0xff;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(evil);
      return true;
    };
    const e = await failure(fetchTarball('demo@1.1.0', { config }));
    expect(e.code).toBe(ErrorCodes.integrity);
    expect(e.message).toBe(`demo@1.1.0: tarball ${main.url}demo/-/demo-1.1.0.tgz does not match its published integrity`);
  });

  it('refuses a packument whose tarball URL is not http(s) or that publishes no checksum', async () => {
    const config = await configWith([]);
    const serve = (dist: Record<string, string>) => {
      main.intercept = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name: 'demo', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'demo', version: '1.0.0', dist } } }));
        return true;
      };
    };
    serve({ tarball: 'file:///etc/passwd', integrity: demo110.integrity });
    const e = await failure(fetchTarball('demo@1.0.0', { config, cache: false }));
    expect(e.code).toBe(ErrorCodes.format);
    expect(e.message).toBe(`demo@1.0.0: ${main.url}demo lists no http(s) tarball URL for demo@1.0.0`);
    serve({ tarball: `${main.url}demo/-/demo-1.0.0.tgz` });
    const n = await failure(fetchTarball('demo@1.0.0', { config, cache: false }));
    expect(n.message).toBe(`demo@1.0.0: ${main.url}demo publishes no integrity or shasum for demo@1.0.0`);
    expect(main.log.filter((l) => l.path.endsWith('.tgz'))).toEqual([]);
  });

  it('falls back to the sha1 shasum of old packages, and checks it', async () => {
    const config = await configWith([]);
    const shasum = createHash('sha1').update(demo110.tgz).digest('hex');
    main.intercept = (req, res) => {
      if (req.url?.endsWith('.tgz')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'demo', 'dist-tags': { latest: '1.1.0' }, versions: { '1.1.0': { name: 'demo', version: '1.1.0', dist: { tarball: `${main.url}demo/-/demo-1.1.0.tgz`, shasum } } } }));
      return true;
    };
    const got = await fetchTarball('demo@1.1.0', { config, cache: false });
    expect(got.integrity).toBe(`sha1-${Buffer.from(shasum, 'hex').toString('base64')}`);
  });

  it('reports a missing package and a missing version as not found on the registry', async () => {
    const config = await configWith([]);
    const e = await failure(fetchTarball('nope@1.0.0', { config }));
    expect(e.code).toBe(ErrorCodes.notFound);
    expect(e.message).toBe(`nope@1.0.0: no such package on ${main.url} (${main.url}nope answered 404)`);
    const v = await failure(fetchTarball('demo@9.9.9', { config }));
    expect(v.code).toBe(ErrorCodes.notFound);
    expect(v.message).toBe(`demo@9.9.9 not found on ${main.url}: no version matches; latest is 1.1.0`);
  });

  it('reports a server error after npm-style retries', async () => {
    const config = await configWith([]);
    main.intercept = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
      return true;
    };
    const e = await failure(fetchTarball('demo@1.0.0', { config, cache: false }));
    expect(e.code).toBe(ErrorCodes.network);
    expect(e.message).toBe(`demo@1.0.0: ${main.url}demo answered HTTP 500`);
    expect(main.log).toHaveLength(2); // fetch-retries=1 from the .npmrc
  });

  it('reports 401 and 403 as refused access', async () => {
    const config = await configWith([]);
    for (const status of [401, 403]) {
      main.intercept = (_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end('{"error":"no"}');
        return true;
      };
      const e = await failure(fetchTarball('demo@1.0.0', { config, cache: false }));
      expect(e.code).toBe(ErrorCodes.auth);
      expect(e.message).toBe(`demo@1.0.0: ${main.url}demo refused access (HTTP ${status})`);
      expect(e.hint).toContain('_authToken');
    }
  });

  it('reports an unreachable registry and a timeout', async () => {
    const dead = await startRegistry(new Map());
    const deadUrl = dead.url;
    await dead.close();
    const config = await configWith([`@gone:registry=${deadUrl}`]);
    const e = await failure(fetchTarball('@gone/x@1.0.0', { config, cache: false }));
    expect(e.code).toBe(ErrorCodes.network);
    expect(e.message).toBe(`@gone/x@1.0.0: cannot fetch ${deadUrl}@gone%2fx (ECONNREFUSED)`);

    main.intercept = () => true; // never answers
    const t = await failure(fetchTarball('demo@1.0.0', { config, cache: false, timeoutMs: 150, retries: 0 }));
    expect(t.code).toBe(ErrorCodes.network);
    expect(t.message).toBe(`demo@1.0.0: ${main.url}demo timed out after 150 ms`);
  });

  describe('credentials', () => {
    it('sends a registry token to that registry only, not to a tarball host elsewhere', async () => {
      const config = await configWith([`${hostKey(main)}:_authToken=token-main`]);
      main.tarballBase = other.url;
      const got = await fetchTarball('demo@1.1.0', { config });
      expect(got.tarballUrl).toBe(`${other.url}demo/-/demo-1.1.0.tgz`);
      expect(main.log.map((l) => l.authorization)).toEqual(['Bearer token-main']);
      expect(other.log.map((l) => [l.path, l.authorization])).toEqual([['/demo/-/demo-1.1.0.tgz', undefined]]);
    });

    it('uses a scope registry and its own token for scoped packages', async () => {
      const config = await configWith([
        `${hostKey(main)}:_authToken=token-main`,
        `@private:registry=${other.url}`,
        `${hostKey(other)}:_authToken=token-other`,
      ]);
      expect(config.registryFor('@private/lib')).toBe(other.url);
      const got = await fetchTarball('@private/lib@3.0.0', { config });
      expect(got.data.equals(packed.get('@private/lib@3.0.0')!.tgz)).toBe(true);
      expect(main.log).toEqual([]);
      expect(other.log.map((l) => [l.path, l.authorization])).toEqual([
        ['/@private/lib', 'Bearer token-other'],
        ['/@private/lib/-/lib-3.0.0.tgz', 'Bearer token-other'],
      ]);
      await fetchTarball('demo@1.0.0', { config });
      expect(main.log.every((l) => l.authorization === 'Bearer token-main')).toBe(true);
      expect(other.log).toHaveLength(2);
    });

    it('never shows credentials when the config is serialised', async () => {
      const config = await configWith([`${hostKey(main)}:_authToken=token-main`]);
      expect(JSON.stringify(config)).toBe(JSON.stringify({ registry: main.url }));
    });
  });

  it('reuses npm-style cache entries by integrity', async () => {
    const config = await configWith([]);
    await fetchTarball('demo@1.1.0', { config });
    const first = main.log.filter((l) => l.path.endsWith('.tgz')).length;
    await fetchTarball('demo@1.1.0', { config });
    // The packument is revalidated; the tarball comes from the cache.
    expect(main.log.filter((l) => l.path === '/demo')).toHaveLength(2);
    expect(main.log.filter((l) => l.path.endsWith('.tgz'))).toHaveLength(first);
  });
});

describe('resolveRelease', () => {
  it('picks the version a spec names from the full packument, downloading nothing', async () => {
    const config = await configWith([]);
    for (const [spec, version] of [['demo@1.0.0', '1.0.0'], ['demo@^1.0.0', '1.1.0'], ['demo', '1.1.0']] as const) {
      const got = await resolveRelease(spec, { config });
      expect(got.version).toBe(version);
      expect(got.packument.full).toBe(true);
    }
    expect(main.log.map((l) => [l.path, l.accept])).toEqual(Array(3).fill(['/demo', 'application/json']));
    const e = await failure(resolveRelease('demo@^7', { config }));
    expect(e.code).toBe(ErrorCodes.notFound);
  });

  it('uses a cached packument for an exact version, and asks again when it lacks the version', async () => {
    const config = await configWith([]);
    let stale = true;
    main.intercept = (req, res) => {
      if (!stale || req.url !== '/demo') return false;
      stale = false;
      // What the registry said before 1.1.0 was published (no cache headers: some registries send none).
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'demo', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'demo', version: '1.0.0', dist: { tarball: `${main.url}demo/-/demo-1.0.0.tgz` } } } }));
      return true;
    };
    expect((await resolveRelease('demo@1.0.0', { config })).version).toBe('1.0.0');
    expect((await resolveRelease('demo@1.0.0', { config })).version).toBe('1.0.0');
    expect(main.log).toHaveLength(1);
    const newer = await resolveRelease('demo@1.1.0', { config });
    expect(newer.version).toBe('1.1.0');
    expect(Object.keys(newer.packument.versions)).toContain('1.1.0');
    expect(main.log).toHaveLength(2);
  });

  it('asks once for two releases of one package when given a shared packument map', async () => {
    const config = await configWith([]);
    const packuments = new Map();
    const [a, b] = await Promise.all([resolveRelease('demo@1.0.0', { config, packuments }), resolveRelease('demo@1.1.0', { config, packuments })]);
    expect([a.version, b.version]).toEqual(['1.0.0', '1.1.0']);
    expect(main.log.map((l) => l.path)).toEqual(['/demo']);
  });
});

describe('fetchVersionTarball', () => {
  it('downloads an exact version of a packument already fetched, with no second packument request', async () => {
    const config = await configWith([]);
    const packument = await fetchPackument('demo', { config, full: true });
    const got = await fetchVersionTarball(packument, '1.1.0', { config });
    expect(got).toMatchObject({ spec: 'demo@1.1.0', name: 'demo', version: '1.1.0', registry: main.url, integrity: demo110.integrity });
    expect(got.data.equals(demo110.tgz)).toBe(true);
    expect(got.manifest).toBe(packument.versions['1.1.0']!.manifest);
    expect(main.log.map((l) => l.path)).toEqual(['/demo', '/demo/-/demo-1.1.0.tgz']);
  });

  it('takes exact versions only: a range or tag is not a listed version', async () => {
    const config = await configWith([]);
    const packument = await fetchPackument('demo', { config });
    for (const version of ['^1.0.0', 'latest', '9.9.9']) {
      const e = await failure(fetchVersionTarball(packument, version, { config }));
      expect(e.code).toBe(ErrorCodes.notFound);
      expect(e.message).toBe(`demo@${version} not found on ${main.url}: no such version; latest is 1.1.0`);
    }
    expect(main.log.filter((l) => l.path.endsWith('.tgz'))).toEqual([]);
  });

  it('checks the bytes against the integrity in the packument', async () => {
    const config = await configWith([]);
    const packument = await fetchPackument('demo', { config });
    main.intercept = (req, res) => {
      if (!req.url?.endsWith('.tgz')) return false;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(packed.get('demo@1.0.0')!.tgz); // another version's bytes
      return true;
    };
    const e = await failure(fetchVersionTarball(packument, '1.1.0', { config, cache: false }));
    expect(e.code).toBe(ErrorCodes.integrity);
  });

  it('sends the token to the registry, not to a tarball host elsewhere', async () => {
    const config = await configWith([`${hostKey(main)}:_authToken=token-main`]);
    main.tarballBase = other.url;
    const packument = await fetchPackument('demo', { config });
    await fetchVersionTarball(packument, '1.0.0', { config });
    expect(main.log.map((l) => l.authorization)).toEqual(['Bearer token-main']);
    expect(other.log.map((l) => [l.path, l.authorization])).toEqual([['/demo/-/demo-1.0.0.tgz', undefined]]);
  });

  it('reports a tarball that is gone as not found', async () => {
    const config = await configWith([]);
    const packument = await fetchPackument('demo', { config });
    main.intercept = (req, res) => {
      if (!req.url?.endsWith('.tgz')) return false;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{}');
      return true;
    };
    const e = await failure(fetchVersionTarball(packument, '1.0.0', { config, cache: false }));
    expect(e.code).toBe(ErrorCodes.notFound);
    expect(e.message).toBe(`demo@1.0.0 not found on ${main.url} (${main.url}demo/-/demo-1.0.0.tgz answered 404)`);
  });
});

describe('matchesIntegrity', () => {
  const data = Buffer.from('package bytes');
  const sri = (alg: string, d: Uint8Array = data) => `${alg}-${createHash(alg).update(d).digest('base64')}`;

  it('accepts the matching hash of each algorithm and refuses others', () => {
    for (const alg of ['sha512', 'sha384', 'sha256', 'sha1']) {
      expect(matchesIntegrity(data, sri(alg))).toBe(true);
      expect(matchesIntegrity(data, sri(alg, Buffer.from('other')))).toBe(false);
    }
    expect(matchesIntegrity(data, 'md5-abc')).toBe(false);
    expect(matchesIntegrity(data, '')).toBe(false);
  });

  it('judges by the strongest algorithm listed, as ssri does', () => {
    expect(matchesIntegrity(data, `${sri('sha1')} ${sri('sha512', Buffer.from('x'))}`)).toBe(false);
    expect(matchesIntegrity(data, `${sri('sha1', Buffer.from('x'))} ${sri('sha512')}`)).toBe(true);
  });
});

