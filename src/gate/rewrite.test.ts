import { describe, expect, it } from 'vitest';
import type { Decision } from './decide.js';
import { rewritePackument } from './rewrite.js';

const block: Decision = { action: 'block', reasons: [{ rule: 'release-age', action: 'block', message: 'young' }] };
const allow: Decision = { action: 'allow', reasons: [] };
const v = (version: string) => ({ name: 'demo', version, dist: { tarball: `http://registry.example.test/demo/-/demo-${version}.tgz`, integrity: `sha512-${version}` } });

const doc = {
  name: 'demo',
  'dist-tags': { latest: '2.0.0', next: '3.0.0-rc.1', legacy: '1.0.0', old: '0.9.0' },
  versions: { '0.9.0': v('0.9.0'), '1.0.0': v('1.0.0'), '1.1.0': v('1.1.0'), '2.0.0': v('2.0.0'), '3.0.0-rc.0': v('3.0.0-rc.0'), '3.0.0-rc.1': v('3.0.0-rc.1') },
  time: { created: 'c', modified: 'm', '0.9.0': 't', '1.0.0': 't', '1.1.0': 't', '2.0.0': 't', '3.0.0-rc.0': 't', '3.0.0-rc.1': 't' },
};
const decisions = new Map<string, Decision>([
  ['0.9.0', block],
  ['1.0.0', allow],
  ['1.1.0', allow],
  ['2.0.0', block],
  ['3.0.0-rc.0', allow],
  ['3.0.0-rc.1', block],
]);

describe('rewritePackument', () => {
  const out = rewritePackument(doc, decisions, (version) => `http://127.0.0.1:1/demo/-/demo-${version}.tgz`);

  it('removes blocked versions from versions and time, keeping created and modified', () => {
    expect(Object.keys(out['versions'] as object)).toEqual(['1.0.0', '1.1.0', '3.0.0-rc.0']);
    expect(Object.keys(out['time'] as object)).toEqual(['created', 'modified', '1.0.0', '1.1.0', '3.0.0-rc.0']);
  });

  it('moves each tag to the highest remaining version below it, and drops a tag with none', () => {
    // latest skips the prerelease; next may land on one; old has nothing left below it.
    expect(out['dist-tags']).toEqual({ latest: '1.1.0', next: '3.0.0-rc.0', legacy: '1.0.0' });
  });

  it('points every tarball at the gate and leaves the rest of each version as it was', () => {
    const versions = out['versions'] as Record<string, { dist: { tarball: string; integrity: string }; name: string }>;
    expect(versions['1.1.0']!.dist).toEqual({ tarball: 'http://127.0.0.1:1/demo/-/demo-1.1.0.tgz', integrity: 'sha512-1.1.0' });
    expect(versions['1.1.0']!.name).toBe('demo');
  });

  it('does not change its input', () => {
    expect(Object.keys(doc.versions)).toHaveLength(6);
    expect(doc.versions['1.1.0'].dist.tarball).toContain('registry.example.test');
    expect(doc['dist-tags'].latest).toBe('2.0.0');
  });

  it('handles the abbreviated form, which has no time', () => {
    const corgi = rewritePackument({ name: 'demo', modified: 'm', 'dist-tags': { latest: '2.0.0' }, versions: { '1.0.0': v('1.0.0'), '2.0.0': v('2.0.0') } }, decisions, () => 'u');
    expect(corgi).toEqual({ name: 'demo', modified: 'm', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { ...v('1.0.0'), dist: { ...v('1.0.0').dist, tarball: 'u' } } } });
  });
});
