import { describe, expect, it } from 'vitest';
import { createAdvisoryIndex, type Advisory } from '../advisories/index.js';
import { parsePackument } from '../registry/index.js';
import { allowsScripts, decideVersions, releaseAgeFor } from './decide.js';
import { DEFAULT_POLICY, type GatePolicy } from './policy.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function packument(versions: Record<string, { age: number; scripts?: Record<string, string>; attestations?: boolean; hasInstallScript?: boolean }>, name = 'demo') {
  const doc = {
    name,
    versions: Object.fromEntries(
      Object.entries(versions).map(([v, o]) => [
        v,
        { name, version: v, ...(o.scripts ? { scripts: o.scripts } : {}), ...(o.hasInstallScript ? { hasInstallScript: true } : {}), dist: { tarball: `x/${v}.tgz`, integrity: `sha512-${v}`, ...(o.attestations ? { attestations: { url: 'u', provenance: { predicateType: 'p' } } } : {}) } },
      ]),
    ),
    time: Object.fromEntries(Object.entries(versions).filter(([, o]) => Number.isFinite(o.age)).map(([v, o]) => [v, ago(o.age)])),
  };
  return parsePackument(doc, { name, registry: 'http://registry.example.test/', url: `http://registry.example.test/${name}`, full: true });
}

const policy = (over: Partial<GatePolicy> = {}): GatePolicy => ({ ...DEFAULT_POLICY, ...over });

function malware(name: string, versions: string[], kind: Advisory['kind'] = 'malware'): Advisory {
  return { id: `MAL-${name}`, aliases: [], source: 'osv', kind, title: 'test advisory', summary: '', severity: 'critical', published: '', modified: '', references: [], affected: [{ name, versions }] };
}

describe('decideVersions', () => {
  it('holds back versions younger than the cooldown and says when that changes', () => {
    const d = decideVersions({ packument: packument({ '1.0.0': { age: 30 * DAY }, '1.1.0': { age: DAY / 24 } }), policy: policy(), advisories: [], now: NOW });
    expect(d.versions.get('1.0.0')).toEqual({ action: 'allow', reasons: [] });
    expect(d.versions.get('1.1.0')!.action).toBe('block');
    expect(d.versions.get('1.1.0')!.reasons[0]).toMatchObject({ rule: 'release-age', message: expect.stringContaining('1 hour ago, under the 3 days cooldown') });
    expect(d.changesAt).toBe(NOW - DAY / 24 + 3 * DAY);
  });

  it('applies exclusions and per-package overrides, first match first', () => {
    const p = policy({ minimumReleaseAgeExclude: ['@myorg/*'], packages: [{ pattern: 'left-*', minimumReleaseAgeMs: DAY }, { pattern: 'left-pad', minimumReleaseAgeMs: 9 * DAY }] });
    expect(releaseAgeFor('@myorg/lib', p)).toBe(0);
    expect(releaseAgeFor('@other/lib', p)).toBe(3 * DAY);
    expect(releaseAgeFor('left-pad', p)).toBe(DAY);
    const d = decideVersions({ packument: packument({ '1.0.0': { age: DAY / 2 } }, '@myorg/lib'), policy: p, advisories: [], now: NOW });
    expect(d.versions.get('1.0.0')!.action).toBe('allow');
    expect(d.changesAt).toBe(Infinity);
  });

  it('warns instead of guessing when the registry gives no publish time', () => {
    const d = decideVersions({ packument: packument({ '1.0.0': { age: NaN } }), policy: policy(), advisories: [], now: NOW });
    expect(d.versions.get('1.0.0')).toMatchObject({ action: 'warn', reasons: [{ rule: 'release-age', action: 'warn' }] });
  });

  it('blocks unapproved install scripts, or only warns, per setting', () => {
    const pkg = packument({ '1.0.0': { age: 30 * DAY, scripts: { postinstall: 'node x.js', test: 'vitest' } }, '1.0.1': { age: 30 * DAY, hasInstallScript: true }, '1.0.2': { age: 30 * DAY, scripts: { test: 'x' } } });
    const blocked = decideVersions({ packument: pkg, policy: policy(), advisories: [], now: NOW });
    expect(blocked.versions.get('1.0.0')!.reasons).toEqual([{ rule: 'install-scripts', action: 'block', message: 'runs postinstall at install and is not in policy.installScripts.allow' }]);
    expect(blocked.versions.get('1.0.1')!.action).toBe('block');
    expect(blocked.versions.get('1.0.2')!.action).toBe('allow');
    const warned = decideVersions({ packument: pkg, policy: policy({ installScripts: { action: 'warn', allow: [] } }), advisories: [], now: NOW });
    expect(warned.versions.get('1.0.0')!.action).toBe('warn');
    const allowed = decideVersions({ packument: pkg, policy: policy({ installScripts: { action: 'block', allow: ['demo@<1.0.1'] } }), advisories: [], now: NOW });
    expect(allowed.versions.get('1.0.0')!.action).toBe('allow');
    expect(allowed.versions.get('1.0.1')!.action).toBe('block');
  });

  it('matches allow entries by name, glob and name@range', () => {
    expect(allowsScripts(['esbuild'], 'esbuild', '0.25.0')).toBe(true);
    expect(allowsScripts(['@swc/*'], '@swc/core', '1.0.0')).toBe(true);
    expect(allowsScripts(['@swc/*'], 'swc', '1.0.0')).toBe(false);
    expect(allowsScripts(['sharp@^0.33.0'], 'sharp', '0.33.5')).toBe(true);
    expect(allowsScripts(['sharp@^0.33.0'], 'sharp', '0.34.0')).toBe(false);
    expect(allowsScripts(['@scope/pkg@1.x'], '@scope/pkg', '1.2.3')).toBe(true);
  });

  it('always blocks malware advisories; vulnerabilities as the policy says', () => {
    const pkg = packument({ '1.0.0': { age: 30 * DAY }, '1.0.1': { age: 30 * DAY }, '1.0.2': { age: 30 * DAY } });
    const index = createAdvisoryIndex([malware('demo', ['1.0.1']), { ...malware('demo', ['1.0.2'], 'vulnerability'), id: 'GHSA-x' }]);
    const off = policy({ vulnerabilities: 'off', installScripts: { action: 'off', allow: [] } });
    const d = decideVersions({ packument: pkg, policy: off, advisories: [index], now: NOW });
    expect(d.versions.get('1.0.1')).toMatchObject({ action: 'block', reasons: [{ rule: 'advisory', message: 'known malicious: MAL-demo test advisory' }] });
    expect(d.versions.get('1.0.2')!.action).toBe('allow');
    expect(decideVersions({ packument: pkg, policy: policy(), advisories: [index], now: NOW }).versions.get('1.0.2')!.action).toBe('warn');
    expect(decideVersions({ packument: pkg, policy: policy({ vulnerabilities: 'block' }), advisories: [index], now: NOW }).versions.get('1.0.2')!.action).toBe('block');
  });

  it('flags a release without the provenance its predecessor had, when asked to', () => {
    const pkg = packument({ '1.0.0': { age: 30 * DAY, attestations: true }, '1.0.1': { age: 20 * DAY }, '0.9.0': { age: 40 * DAY } });
    const d = decideVersions({ packument: pkg, policy: policy({ provenance: 'block' }), advisories: [], now: NOW });
    expect(d.versions.get('1.0.1')!.reasons).toEqual([{ rule: 'provenance', action: 'block', message: 'published without the provenance 1.0.0 had' }]);
    expect(d.versions.get('0.9.0')!.action).toBe('allow');
    expect(decideVersions({ packument: pkg, policy: policy(), advisories: [], now: NOW }).versions.get('1.0.1')!.action).toBe('allow');
  });

  it('blocks a version whose tarball the engine judged malicious', () => {
    const pkg = packument({ '1.0.0': { age: 30 * DAY } });
    const verdicts = new Map([['sha512-1.0.0', 'malicious' as const]]);
    expect(decideVersions({ packument: pkg, policy: policy({ malicious: 'block' }), advisories: [], now: NOW, verdicts }).versions.get('1.0.0')!.action).toBe('block');
    expect(decideVersions({ packument: pkg, policy: policy(), advisories: [], now: NOW, verdicts }).versions.get('1.0.0')!.action).toBe('allow');
  });
});
