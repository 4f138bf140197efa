import { describe, expect, it } from 'vitest';
import { ErrorCodes, ToolError } from '../core/index.js';
import { parsePackument, predecessorOf, versionInfo, type Packument } from './index.js';

const source = { name: 'pkg', registry: 'http://registry.example.test/', url: 'http://registry.example.test/pkg', full: true };

/** A full packument from `version: publish time` pairs (`null`: no time recorded). */
function packument(times: Record<string, string | null>, extra: Record<string, unknown> = {}): Packument {
  const versions = Object.fromEntries(Object.keys(times).map((v) => [v, { name: 'pkg', version: v, dist: {} }]));
  const time = Object.fromEntries(Object.entries(times).filter((e): e is [string, string] => e[1] !== null));
  return parsePackument({ name: 'pkg', versions, time: { created: '2019-12-31T00:00:00.000Z', modified: '2030-01-01T00:00:00.000Z', ...time }, ...extra }, source);
}

const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString();

describe('predecessorOf', () => {
  it('is the previous release when versions went out in order', () => {
    const p = packument({ '1.0.0': day(0), '1.0.1': day(10), '1.1.0': day(20) });
    expect(predecessorOf(p, '1.1.0')).toBe('1.0.1');
    expect(predecessorOf(p, '1.0.1')).toBe('1.0.0');
    expect(predecessorOf(p, '1.0.0')).toBeUndefined();
  });

  it('skips a backport published after the version: 1.2.9 came out after 2.0.0', () => {
    const p = packument({ '1.2.8': day(0), '2.0.0': day(30), '1.2.9': day(60), '2.0.1': day(90), '1.3.0': day(120) });
    // Not 1.2.9: it did not exist when 2.0.0 was released.
    expect(predecessorOf(p, '2.0.0')).toBe('1.2.8');
    expect(predecessorOf(p, '2.0.1')).toBe('2.0.0');
    expect(predecessorOf(p, '1.2.9')).toBe('1.2.8');
    // A later line on the old major follows the backport, not the higher 2.x published before it.
    expect(predecessorOf(p, '1.3.0')).toBe('1.2.9');
  });

  it('ignores prereleases for a release, and counts them for a prerelease', () => {
    const p = packument({ '1.0.0': day(0), '2.0.0-beta.1': day(10), '2.0.0-rc.1': day(20), '1.1.0': day(25), '2.0.0': day(30), '2.1.0-alpha.0': day(35) });
    expect(predecessorOf(p, '2.0.0')).toBe('1.1.0');
    expect(predecessorOf(p, '2.0.0-rc.1')).toBe('2.0.0-beta.1');
    expect(predecessorOf(p, '2.0.0-beta.1')).toBe('1.0.0');
    expect(predecessorOf(p, '2.1.0-alpha.0')).toBe('2.0.0');
  });

  it('needs a lower version published strictly before: none at all gives undefined', () => {
    // 0.9.0 came later, 0.8.0 in the same instant (a batch publish): neither went before 1.0.0.
    const p = packument({ '1.0.0': day(5), '0.9.0': day(6), '0.8.0': day(5) });
    expect(predecessorOf(p, '1.0.0')).toBeUndefined();
  });

  it('leaves out lower versions with no recorded time when the version has one', () => {
    const p = packument({ '1.0.0': day(0), '1.1.0': null, '1.2.0': day(20) });
    expect(predecessorOf(p, '1.2.0')).toBe('1.0.0');
  });

  it('orders by semver alone when the version itself has no recorded time', () => {
    const p = packument({ '1.0.0': day(0), '1.1.0': day(50), '1.2.0': null });
    expect(predecessorOf(p, '1.2.0')).toBe('1.1.0');
  });

  it('ignores versions that are not semver, and returns the key as the registry lists it', () => {
    const p = packument({ 'not-a-version': day(0), '1.0.0': day(1), 'v1.1.0': day(2), '1.2.0': day(3) });
    expect(predecessorOf(p, '1.2.0')).toBe('v1.1.0');
    expect(predecessorOf(p, 'not-a-version')).toBeUndefined();
  });

  it('refuses a version the packument does not list, and an abbreviated packument', () => {
    const p = packument({ '1.0.0': day(0) });
    const e = (() => {
      try {
        predecessorOf(p, '9.9.9');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ToolError);
    expect((e as ToolError).code).toBe(ErrorCodes.notFound);
    expect((e as ToolError).message).toBe('pkg@9.9.9 not found on http://registry.example.test/: no such version');
    const corgi = parsePackument({ name: 'pkg', versions: { '1.0.0': {} } }, { ...source, full: false });
    expect(() => predecessorOf(corgi, '1.0.0')).toThrow(/needs the full packument/);
  });
});

describe('versionInfo', () => {
  const attestations = { url: 'http://registry.example.test/-/npm/v1/attestations/pkg@2.0.0', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
  const ann = { name: 'ann', email: 'ann@pkg.example.test' };
  const p = parsePackument(
    {
      name: 'pkg',
      'dist-tags': { latest: '2.0.0', next: '2.0.0', legacy: '1.0.0' },
      time: { created: '2020-01-01T00:00:00.000Z', modified: '2020-02-01T00:00:00.000Z', '1.0.0': '2020-01-01T00:00:00.000Z', '2.0.0': '2020-01-31T12:00:00Z' },
      versions: {
        '1.0.0': { name: 'pkg', version: '1.0.0', dist: {} },
        '2.0.0': { name: 'pkg', version: '2.0.0', _npmUser: ann, maintainers: [ann, { name: 'bo' }], dist: { attestations, unpackedSize: 12345 } },
      },
    },
    source,
  );

  it('reads publish time, publisher, maintainers, provenance, size and tags', () => {
    expect(versionInfo(p, '2.0.0')).toEqual({
      name: 'pkg',
      version: '2.0.0',
      publishedAt: '2020-01-31T12:00:00.000Z',
      publisher: ann,
      maintainers: [ann, { name: 'bo' }],
      provenance: { attestationsUrl: attestations.url, predicateType: 'https://slsa.dev/provenance/v1' },
      unpackedSize: 12345,
      tags: ['latest', 'next'],
      distTags: { latest: '2.0.0', next: '2.0.0', legacy: '1.0.0' },
      versionTimes: { '1.0.0': '2020-01-01T00:00:00.000Z', '2.0.0': '2020-01-31T12:00:00Z' },
    });
  });

  it('says null for no attestations, and never guesses the source repository', () => {
    const old = versionInfo(p, '1.0.0');
    expect(old.provenance).toBeNull();
    expect(old.publisher).toBeUndefined();
    expect(old.maintainers).toEqual([]);
    expect(old.unpackedSize).toBeUndefined();
    expect(old.tags).toEqual(['legacy']);
    expect(versionInfo(p, '2.0.0').provenance).not.toHaveProperty('sourceRepository');
  });

  it('refuses a version the packument does not list, and an abbreviated packument', () => {
    expect(() => versionInfo(p, '3.0.0')).toThrow('pkg@3.0.0 not found on http://registry.example.test/: no such version; latest is 2.0.0');
    expect(() => versionInfo({ ...p, full: false }, '2.0.0')).toThrow(/needs the full packument/);
  });
});
