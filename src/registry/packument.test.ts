import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../core/index.js';
import { fetchPackument, parsePackument, type NpmConfig } from './index.js';
import { failure, hostKey, testNpmConfig } from './test-support/setup.js';
import { packPackages, startRegistry, type TestRegistry } from './test-support/registry-server.js';

const ann = { name: 'ann', email: 'ann@demo.example.test' };
const bob = { name: 'bob', email: 'bob@demo.example.test' };
const packed = packPackages([
  { name: 'demo', version: '1.0.0', time: '2025-01-10T10:00:00.000Z', publisher: ann, maintainers: [ann], attestations: true, manifest: { scripts: { test: 'node --test' }, dependencies: { dep: '^1.0.0' } } },
  { name: 'demo', version: '1.1.0', time: '2025-02-10T10:00:00.000Z', publisher: bob, maintainers: [ann, bob], manifest: { scripts: { postinstall: 'node setup.js' } } },
  { name: '@private/lib', version: '3.0.0', time: '2025-03-01T00:00:00.000Z' },
]);

let main: TestRegistry;
let other: TestRegistry;
let work: string;

beforeAll(async () => {
  const packuments = { demo: { distTags: { latest: '1.1.0', stable: '1.0.0' }, created: '2025-01-09T09:00:00.000Z', modified: '2025-02-11T00:00:00.000Z' } };
  main = await startRegistry(packed, { packuments });
  other = await startRegistry(packed);
});
afterAll(async () => {
  await main.close();
  await other.close();
});
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'cw-packument-test-'));
  for (const r of [main, other]) {
    r.log.length = 0;
    r.intercept = undefined;
  }
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const configWith = (lines: string[] = []): Promise<NpmConfig> => testNpmConfig(work, main.url, lines);

/** Answers every packument request with `body` (a string as is, anything else as JSON). */
function serve(body: unknown): void {
  main.intercept = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
    return true;
  };
}

describe('fetchPackument', () => {
  it('fetches the full document on request: publish times, publishers, maintainers, scripts, attestations', async () => {
    const config = await configWith();
    const p = await fetchPackument('demo', { config, full: true });
    expect(main.log).toEqual([expect.objectContaining({ path: '/demo', accept: 'application/json', userAgent: 'chainwatch' })]);
    expect(p).toMatchObject({ name: 'demo', full: true, registry: main.url, url: `${main.url}demo`, distTags: { latest: '1.1.0', stable: '1.0.0' }, maintainers: [ann, bob] });
    expect({ ...p.time }).toEqual({ created: '2025-01-09T09:00:00.000Z', modified: '2025-02-11T00:00:00.000Z', '1.0.0': '2025-01-10T10:00:00.000Z', '1.1.0': '2025-02-10T10:00:00.000Z' });
    const v100 = p.versions['1.0.0']!;
    expect(v100).toMatchObject({ name: 'demo', version: '1.0.0', publisher: ann, maintainers: [ann] });
    expect(v100.dist).toEqual({
      tarball: `${main.url}demo/-/demo-1.0.0.tgz`,
      integrity: packed.get('demo@1.0.0')!.integrity,
      shasum: packed.get('demo@1.0.0')!.shasum,
      fileCount: 2,
      unpackedSize: packed.get('demo@1.0.0')!.unpackedSize,
      attestations: { url: `${main.url}-/npm/v1/attestations/demo@1.0.0`, predicateType: 'https://slsa.dev/provenance/v1' },
    });
    expect(v100.manifest).toMatchObject({ scripts: { test: 'node --test' }, dependencies: { dep: '^1.0.0' }, _npmUser: ann });
    expect(p.versions['1.1.0']!.dist.attestations).toBeUndefined();
  });

  it('fetches the abbreviated document by default, as npm installs do: no times, publishers or scripts', async () => {
    const config = await configWith();
    const p = await fetchPackument('demo', { config });
    expect(main.log[0]!.accept).toMatch(/^application\/vnd\.npm\.install-v1\+json/);
    expect(p.full).toBe(false);
    expect({ ...p.time }).toEqual({ modified: '2025-02-11T00:00:00.000Z' });
    expect(p.maintainers).toEqual([]);
    expect(p.distTags).toEqual({ latest: '1.1.0', stable: '1.0.0' });
    const v110 = p.versions['1.1.0']!;
    expect(v110.publisher).toBeUndefined();
    expect(v110.maintainers).toEqual([]);
    expect(v110.manifest['scripts']).toBeUndefined();
    expect(v110.manifest['hasInstallScript']).toBe(true);
    expect(p.versions['1.0.0']!.manifest).toMatchObject({ dependencies: { dep: '^1.0.0' } });
    expect(p.versions['1.0.0']!.manifest['hasInstallScript']).toBeUndefined();
    // The abbreviated form keeps `dist` whole, attestations included.
    expect(p.versions['1.0.0']!.dist.attestations).toBeDefined();
  });

  it('keeps full and abbreviated documents apart in the cache', async () => {
    const config = await configWith();
    await fetchPackument('demo', { config, full: true });
    const corgi = await fetchPackument('demo', { config });
    const full = await fetchPackument('demo', { config, full: true });
    expect(corgi.versions['1.0.0']!.publisher).toBeUndefined();
    expect(full.versions['1.0.0']!.publisher).toEqual(ann);
  });

  it('says when there is no such package', async () => {
    const config = await configWith();
    const e = await failure(fetchPackument('nope', { config }));
    expect(e.code).toBe(ErrorCodes.notFound);
    expect(e.message).toBe(`nope: no such package on ${main.url} (${main.url}nope answered 404)`);
  });

  it('takes a bare package name only, and asks nothing for anything else', async () => {
    const config = await configWith();
    for (const name of ['demo@1.0.0', 'demo@latest', 'alias@npm:demo', 'git+https://git.example.test/a/b.git', './dir']) {
      expect((await failure(fetchPackument(name, { config }))).code).toBe(ErrorCodes.usage);
    }
    expect(main.log).toEqual([]);
  });

  describe('credentials', () => {
    it('sends no token to a registry that has none configured, and explains a 401 or 403', async () => {
      const config = await configWith([`${hostKey(other.url)}:_authToken=token-other`]);
      for (const status of [401, 403]) {
        main.intercept = (_req, res) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end('{"error":"authentication required"}');
          return true;
        };
        const e = await failure(fetchPackument('demo', { config, cache: false }));
        expect(e.code).toBe(ErrorCodes.auth);
        expect(e.message).toBe(`demo: ${main.url}demo refused access (HTTP ${status})`);
        expect(e.hint).toContain(`npm login --registry ${main.url}`);
      }
      expect(main.log.map((l) => l.authorization)).toEqual([undefined, undefined]);
      expect(other.log).toEqual([]);
    });

    it("sends a scope's token to the scope's registry only", async () => {
      const config = await configWith([`@private:registry=${other.url}`, `${hostKey(other.url)}:_authToken=token-other`]);
      const scoped = await fetchPackument('@private/lib', { config, full: true });
      expect(scoped).toMatchObject({ name: '@private/lib', registry: other.url, url: `${other.url}@private%2flib` });
      await fetchPackument('demo', { config });
      expect(other.log.map((l) => [l.path, l.authorization])).toEqual([['/@private/lib', 'Bearer token-other']]);
      expect(main.log.map((l) => [l.path, l.authorization])).toEqual([['/demo', undefined]]);
    });
  });

  it('retries a failing registry with backoff, then succeeds', async () => {
    const config = await configWith();
    let failures = 2;
    main.intercept = (_req, res) => {
      if (failures-- <= 0) return false;
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
      return true;
    };
    const p = await fetchPackument('demo', { config, cache: false, retries: 2 });
    expect(Object.keys(p.versions)).toEqual(['1.0.0', '1.1.0']);
    expect(main.log).toHaveLength(3);
  });

  it('reports a registry that does not answer in time, or at all', async () => {
    const config = await configWith();
    main.intercept = () => true; // never answers
    const t = await failure(fetchPackument('demo', { config, cache: false, timeoutMs: 150, retries: 0 }));
    expect(t.code).toBe(ErrorCodes.network);
    expect(t.message).toBe(`demo: ${main.url}demo timed out after 150 ms`);

    const dead = await startRegistry(new Map());
    await dead.close();
    const gone = await configWith([`@gone:registry=${dead.url}`]);
    const e = await failure(fetchPackument('@gone/x', { config: gone, cache: false, retries: 0 }));
    expect(e.code).toBe(ErrorCodes.network);
    expect(e.message).toBe(`@gone/x: cannot fetch ${dead.url}@gone%2fx (ECONNREFUSED)`);
  });

  it('refuses answers that are not a packument of the package asked for', async () => {
    const config = await configWith();
    const cases: [unknown, string][] = [
      ['<html>login</html>', `demo: ${main.url}demo did not answer with JSON`],
      [[1, 2], 'not a JSON object'],
      [{ name: 'evil', versions: {} }, 'it names "evil"'],
      [{ name: 'demo', versions: ['1.0.0'] }, '`versions` is not a mapping'],
      [{ name: 'demo', versions: { '1.0.0': 'yes' } }, 'versions["1.0.0"] is not a mapping'],
      [{ name: 'demo', versions: { '1.0.0': { name: 'demo', version: '6.6.6' } } }, 'version "6.6.6" is listed as "1.0.0"'],
      [{ name: 'demo', versions: { '1.0.0': { name: 'evil', version: '1.0.0' } } }, 'version 1.0.0 names "evil"'],
    ];
    for (const [body, message] of cases) {
      serve(body);
      const e = await failure(fetchPackument('demo', { config, cache: false }));
      expect(e.code).toBe(ErrorCodes.format);
      expect(e.message).toContain(message);
      if (!message.includes('did not answer')) expect(e.message).toBe(`demo: ${main.url}demo sent a malformed packument: ${message}`);
    }
  });
});

describe('parsePackument', () => {
  const source = { name: 'demo', registry: 'http://registry.example.test/', url: 'http://registry.example.test/demo', full: true };

  it('keeps what has the expected shape and leaves out the rest', () => {
    const p = parsePackument(
      {
        name: 'demo',
        'dist-tags': { latest: '1.0.0', broken: 7 },
        time: { created: '2025-01-01T00:00:00.000Z', '1.0.0': '2025-01-02T00:00:00.000Z', '0.9.0': 'yesterday', unpublished: { time: '2025-01-03T00:00:00.000Z' } },
        maintainers: ['Ann Lee <ann@demo.example.test> (https://demo.example.test)', 'solo', { email: 'no-name@demo.example.test' }, 42, { name: 'bob' }],
        versions: {
          '1.0.0': {
            name: 'demo',
            version: '1.0.0',
            _npmUser: 'Ann Lee <ann@demo.example.test>',
            maintainers: 'not a list',
            dist: { tarball: 7, integrity: 'sha512-x', unpackedSize: -1, fileCount: 1.5, attestations: true },
          },
        },
      },
      source,
    );
    expect(p.distTags).toEqual({ latest: '1.0.0' });
    expect({ ...p.time }).toEqual({ created: '2025-01-01T00:00:00.000Z', '1.0.0': '2025-01-02T00:00:00.000Z' });
    expect(p.maintainers).toEqual([{ name: 'Ann Lee', email: 'ann@demo.example.test' }, { name: 'solo' }, { name: 'bob' }]);
    const v = p.versions['1.0.0']!;
    expect(v.publisher).toEqual({ name: 'Ann Lee', email: 'ann@demo.example.test' });
    expect(v.maintainers).toEqual([]);
    // A present but unreadable `attestations` still says "published with attestations".
    expect(v.dist).toEqual({ integrity: 'sha512-x', attestations: {} });
  });

  it('treats versions and tags named like Object properties as plain keys', () => {
    const json = JSON.parse(
      '{"name":"demo","dist-tags":{"__proto__":"1.0.0"},"time":{"constructor":"2025-01-01T00:00:00.000Z"},"versions":{"__proto__":{"dist":{}},"1.0.0":{}}}',
    ) as unknown;
    const p = parsePackument(json, source);
    expect(Object.keys(p.versions)).toEqual(['__proto__', '1.0.0']);
    expect(p.versions['constructor']).toBeUndefined();
    expect(p.distTags['__proto__']).toBe('1.0.0');
    expect(p.time['constructor']).toBe('2025-01-01T00:00:00.000Z');
    expect(JSON.parse(JSON.stringify(p.versions)) as unknown).toHaveProperty(['1.0.0', 'version'], '1.0.0');
  });

  it('accepts a packument without versions (everything unpublished)', () => {
    const p = parsePackument({ name: 'demo', time: { unpublished: { time: '2025-01-01T00:00:00.000Z' } } }, source);
    expect(p.versions).toEqual({});
  });
});
