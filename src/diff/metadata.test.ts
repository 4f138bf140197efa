import { describe, expect, it } from 'vitest';
import { SideFiles } from './files.js';
import { metadataDelta } from './metadata.js';
import { manifestText, sideFromFiles } from './test-support/side.js';
import type { RegistryVersionInfo } from './types.js';

const NOW = new Date('2025-09-08T15:00:00Z');
const alice = { name: 'alice' };
const side = (version: string, manifest: Record<string, unknown>, files: Record<string, string> = {}, registry?: RegistryVersionInfo) =>
  new SideFiles(sideFromFiles('cw-demo', version, { ...files, 'package.json': manifestText({ name: 'cw-demo', version, ...manifest }) }, registry));
const delta = (from: SideFiles, to: SideFiles) => metadataDelta(from, to, { now: NOW });

/** Releases every 30 days from 2024-01-01, then `to` at `last`. */
function times(count: number, last: string): Record<string, string> {
  const out: Record<string, string> = { created: '2024-01-01T00:00:00.000Z', modified: last };
  for (let i = 0; i < count; i++) out[`1.0.${i}`] = new Date(Date.UTC(2024, 0, 1) + i * 30 * 86_400_000).toISOString();
  out[`1.0.${count}`] = last;
  return out;
}

describe('metadataDelta', () => {
  it('lists install scripts added, changed and removed, as npm runs them', () => {
    const from = side('1.0.0', { scripts: { install: 'node-gyp rebuild', prepare: 'tsc', test: 'vitest' } });
    const to = side('1.0.1', { scripts: { install: 'node install.js', postinstall: 'node x.js', test: 'vitest run' } });
    expect(delta(from, to).installScripts).toEqual([
      { hook: 'install', change: 'changed', from: 'node-gyp rebuild', to: 'node install.js' },
      { hook: 'postinstall', change: 'added', to: 'node x.js' },
      { hook: 'prepare', change: 'removed', from: 'tsc' },
    ]);
  });

  it("knows npm's implicit node-gyp install for a package that gains binding.gyp", () => {
    const from = side('1.0.0', {});
    const to = side('1.0.1', {}, { 'binding.gyp': '{ "targets": [] }\n' });
    expect(delta(from, to).installScripts).toEqual([{ hook: 'install', change: 'added', to: 'node-gyp rebuild', implicit: true }]);
  });

  it('lists new, removed and changed dependencies of every kind that installs, not dev ones', () => {
    const from = side('1.0.0', { dependencies: { a: '^1.0.0', b: '^1.0.0' }, devDependencies: { vitest: '^3.0.0' } });
    const to = side('1.0.1', {
      dependencies: { a: '^1.1.0', c: 'github:someone/c#abc123' },
      optionalDependencies: { d: '^1.0.0' },
      peerDependencies: { e: '>=2' },
      devDependencies: { vitest: '^3.0.0', eslint: '^9.0.0' },
    });
    const deps = delta(from, to).dependencies;
    expect(deps.added.map((d) => [d.name, d.kind, d.flags])).toEqual([
      ['c', 'dependencies', ['non-registry']],
      ['d', 'optionalDependencies', []],
      ['e', 'peerDependencies', []],
    ]);
    expect(deps.removed).toEqual([{ name: 'b', spec: '^1.0.0', kind: 'dependencies' }]);
    expect(deps.changed).toEqual([{ name: 'a', kind: 'dependencies', from: '^1.0.0', to: '^1.1.0' }]);
  });

  it('checks the real name behind an npm: alias for typos', () => {
    const from = side('1.0.0', {});
    const to = side('1.0.1', { dependencies: { colors: 'npm:chalkk@^1.0.0' } });
    const deps = metadataDelta(from, to, { now: NOW, popularNames: ['chalk', 'colors'] }).dependencies;
    expect(deps.added[0]).toMatchObject({ name: 'colors', flags: ['typo-like'], typoOf: 'chalk' });
  });

  it('compares repository, bin, main, exports and files in the forms npm treats as equal', () => {
    const from = side('1.0.0', { repository: 'https://git.example.test/a/b', bin: 'cli.js', main: './index.js', files: ['lib'] });
    const same = side('1.0.1', { repository: { type: 'git', url: 'https://git.example.test/a/b' }, bin: { 'cw-demo': 'cli.js' }, main: 'index.js', files: ['lib'] });
    expect(delta(from, same).fields).toEqual([]);
    const moved = side('1.0.2', { repository: 'https://git.example.test/evil/b', bin: { 'cw-demo': 'cli.js', node: 'x.js' }, main: 'index.js', files: ['lib', 'x.js'], exports: './x.js' });
    expect(delta(from, moved).fields.map((f) => f.field)).toEqual(['repository', 'bin', 'exports', 'files']);
  });

  it('measures the size jump from the registry, else from the files', () => {
    const bundle = 'x'.repeat(600 * 1024);
    const fromFiles = side('1.0.0', {}, { 'index.js': 'module.exports = 1;\n' });
    const toFiles = side('1.0.1', {}, { 'index.js': 'module.exports = 1;\n', 'bundle.js': bundle });
    const size = delta(fromFiles, toFiles).size;
    expect(size).toMatchObject({ source: 'files', jump: true });
    expect(size.bytes).toBe(600 * 1024); // package.json is as long in both
    expect(size.ratio).toBeGreaterThan(2);
    const reg = (unpackedSize: number): RegistryVersionInfo => ({ maintainers: [alice], unpackedSize });
    const small = delta(side('1.0.0', {}, {}, reg(10_000)), side('1.0.1', {}, {}, reg(15_000))).size;
    expect(small).toEqual({ from: 10_000, to: 15_000, bytes: 5_000, ratio: 1.5, source: 'registry', jump: false });
  });

  it('tells a release after a long silence from the usual cadence', () => {
    const reg = (t: Record<string, string>, version: string): RegistryVersionInfo => ({ maintainers: [alice], versionTimes: t, publishedAt: t[version]! });
    const usual = times(8, '2024-08-28T00:00:00.000Z');
    const c = delta(side('1.0.7', {}, {}, reg(usual, '1.0.7')), side('1.0.8', {}, {}, reg(usual, '1.0.8'))).cadence!;
    expect(c).toMatchObject({ previousVersion: '1.0.7', medianGapMs: 30 * 86_400_000, breaks: null });
    const dormant = times(8, '2027-01-01T00:00:00.000Z');
    expect(delta(side('1.0.7', {}, {}, reg(dormant, '1.0.7')), side('1.0.8', {}, {}, reg(dormant, '1.0.8'))).cadence!.breaks).toBe('after-dormancy');
    const soon = times(8, '2024-07-29T02:00:00.000Z'); // two hours after 1.0.7
    expect(delta(side('1.0.7', {}, {}, reg(soon, '1.0.7')), side('1.0.8', {}, {}, reg(soon, '1.0.8'))).cadence!).toMatchObject({ sincePreviousMs: 2 * 3_600_000, breaks: 'unusually-soon' });
  });

  it('does not judge the cadence of a package with too few releases', () => {
    const t = times(3, '2030-01-01T00:00:00.000Z');
    const reg: RegistryVersionInfo = { maintainers: [alice], versionTimes: t };
    expect(delta(side('1.0.2', {}, {}, reg), side('1.0.3', {}, {}, reg)).cadence).toMatchObject({ medianGapMs: null, breaks: null });
  });

  it('lists the dist-tags on each side and the tags that moved', () => {
    const from = side('1.0.0', {}, {}, { maintainers: [alice], distTags: { latest: '1.0.0', next: '2.0.0-rc.1' } });
    const to = side('1.0.1', {}, {}, { maintainers: [alice], distTags: { latest: '1.0.1', next: '2.0.0-rc.1' } });
    expect(delta(from, to).distTags).toEqual({ onTo: ['latest'], onFrom: [], moved: [{ tag: 'latest', from: '1.0.0', to: '1.0.1' }] });
  });

  it('has no publication facts for sides that did not come from a registry', () => {
    const d = delta(side('1.0.0', {}), side('1.0.1', {}));
    expect([d.publisher, d.maintainers, d.provenance, d.cadence, d.distTags]).toEqual([null, null, null, null, null]);
  });
});
