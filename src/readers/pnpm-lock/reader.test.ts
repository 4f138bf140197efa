import { expectClientListing, findEdge, findPackage, memFs } from '../test-support/harness.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isToolError } from '../../core/index.js';
import { nodeFs } from '../test-support/node-fs.js';
import type { ReadResult } from '../types.js';
import { pnpmLockReader } from './reader.js';

const here = dirname(fileURLToPath(import.meta.url));
const generated = join(here, 'fixtures', 'generated');
const fixtureNames = existsSync(generated) ? readdirSync(generated).sort() : [];

function readFixture(name: string): Promise<ReadResult> {
  const root = join(generated, name);
  return pnpmLockReader.read({ path: join(root, 'pnpm-lock.yaml'), root, fs: nodeFs });
}

const VIRTUAL = '/virtual/pnpm-lock.yaml';
function readText(text: string, extra: Record<string, string> = {}): Promise<ReadResult> {
  return pnpmLockReader.read({ path: VIRTUAL, root: '/virtual', fs: memFs({ [VIRTUAL]: text, ...extra }) });
}

describe('generated fixtures: the package set equals what the client installed', () => {
  it('has fixtures for every client', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtureNames)('%s', async (name) => {
    const r = await readFixture(name);
    expectClientListing(r, join(generated, name));
    // pnpm 7 does not install peers automatically: unmet (optional or not) peers point nowhere.
    for (const e of r.raw.edges) if (e.to === null) expect(e.type).toMatch(/^peer/);
  });
});

const fixtures = join(here, 'fixtures');
function readHandWritten(name: string): Promise<ReadResult> {
  return pnpmLockReader.read({ path: join(fixtures, name), root: fixtures, fs: nodeFs });
}

describe('lockfile generations', () => {
  it.each([
    ['small-app-pnpm7', '5.4', '/debug/4.3.4'],
    ['small-app-pnpm8', '6.0', '/debug@4.3.4'],
    ['small-app-pnpm9', '9.0', 'debug@4.3.4'],
    ['small-app-pnpm10', '9.0', 'debug@4.3.4'],
  ])('%s: lockfileVersion %s, depPath keys like %s', async (name, version, debugKey) => {
    const r = await readFixture(name);
    expect(r.raw).toMatchObject({ manager: 'pnpm', formatVersion: version });
    expect(r.raw.importers).toEqual([{ key: 'importer:', path: '', name: 'small-app', version: '1.0.0' }]);
    expect(findPackage(r.raw, debugKey)).toMatchObject({ name: 'debug', version: '4.3.4', source: 'registry', integrity: expect.stringMatching(/^sha512-/) });
    expect(findEdge(r.raw, 'importer:', 'debug')).toEqual({ from: 'importer:', to: debugKey, name: 'debug', spec: '4.3.4', type: 'prod' });
    expect(findEdge(r.raw, 'importer:', 'semver')).toMatchObject({ spec: '^7.5.4', type: 'prod' });
    expect(findEdge(r.raw, 'importer:', 'ms')).toMatchObject({ spec: '2.1.3', type: 'dev' });
    expect(findEdge(r.raw, 'importer:', 'is-odd')).toMatchObject({ spec: '3.0.1', type: 'optional' });
    // debug's optional peer supports-color is not installed: a peerOptional edge to nothing.
    expect(findEdge(r.raw, debugKey, 'supports-color')).toEqual({ from: debugKey, to: null, name: 'supports-color', spec: '*', type: 'peerOptional' });
    expect(findEdge(r.raw, debugKey, 'ms')?.type).toBe('prod');
  });

  it('locates each package at the line of its key', async () => {
    for (const name of ['small-app-pnpm7', 'small-app-pnpm8', 'small-app-pnpm9']) {
      const r = await readFixture(name);
      const lines = readFileSync(join(generated, name, 'pnpm-lock.yaml'), 'utf8').split('\n');
      for (const p of r.raw.packages) {
        const line = lines[p.location!.line! - 1]!;
        expect(line.startsWith(`  ${p.key}:`) || line.startsWith(`  '${p.key}':`)).toBe(true);
      }
    }
  });
});

describe('workspaces', () => {
  it.each(['monorepo-pnpm7', 'monorepo-pnpm8', 'monorepo-pnpm9', 'monorepo-pnpm10'])('%s', async (name) => {
    const r = await readFixture(name);
    expect(r.raw.importers).toEqual([
      { key: 'importer:', path: '', name: 'monorepo', version: '0.0.0' },
      { key: 'importer:packages/app', path: 'packages/app', name: '@mono/app', version: '2.0.0' },
      { key: 'importer:packages/lib', path: 'packages/lib', name: '@mono/lib', version: '1.2.0' },
    ]);
    expect(r.raw.packages.some((p) => p.name.startsWith('@mono/'))).toBe(false);
    expect(findEdge(r.raw, 'importer:packages/app', '@mono/lib')).toEqual({
      from: 'importer:packages/app', to: 'importer:packages/lib', name: '@mono/lib', spec: 'workspace:*', type: 'prod',
    });
    expect(findEdge(r.raw, 'importer:', '@mono/app')).toEqual({
      from: 'importer:', to: 'importer:packages/app', name: '@mono/app', spec: 'link:packages/app', type: 'workspace',
    });
    expect(findEdge(r.raw, 'importer:', 'rimraf')).toMatchObject({ type: 'dev', spec: '3.0.2' });
    // Each importer resolves its own debug: 2.6.9 pinned by app, ^4.3.4 for lib.
    const debugOf = (from: string) => r.raw.packages.find((p) => p.key === findEdge(r.raw, from, 'debug')?.to)?.version;
    expect(debugOf('importer:packages/app')).toBe('2.6.9');
    expect(debugOf('importer:packages/lib')).toMatch(/^4\./);
  });
});

describe('aliases, links, files, tarballs, peers', () => {
  it.each([
    ['edge-pnpm7', '/lodash/4.17.15', 'file:vendor/bundled-demo-1.0.0.tgz', '/react-dom/18.2.0_react@18.2.0', '/react/18.2.0'],
    ['edge-pnpm8', '/lodash@4.17.15', 'file:vendor/bundled-demo-1.0.0.tgz', '/react-dom@18.2.0(react@18.2.0)', '/react@18.2.0'],
    ['edge-pnpm9', 'lodash@4.17.15', 'bundled-demo@file:vendor/bundled-demo-1.0.0.tgz', 'react-dom@18.2.0(react@18.2.0)', 'react@18.2.0'],
    ['edge-pnpm10', 'lodash@4.17.15', 'bundled-demo@file:vendor/bundled-demo-1.0.0.tgz', 'react-dom@18.2.0(react@18.2.0)', 'react@18.2.0'],
  ])('%s', async (name, lodashKey, bundledKey, reactDomKey, reactKey) => {
    const r = await readFixture(name);
    expect(findPackage(r.raw, lodashKey)).toMatchObject({ name: 'lodash', version: '4.17.15', source: 'registry' });
    expect(findEdge(r.raw, 'importer:', 'lodash-legacy')).toEqual({
      from: 'importer:', to: lodashKey, name: 'lodash-legacy', spec: 'npm:lodash@4.17.15', type: 'prod',
    });
    expect(findPackage(r.raw, bundledKey)).toMatchObject({
      name: 'bundled-demo', version: '1.0.0', source: 'file', resolved: 'file:vendor/bundled-demo-1.0.0.tgz',
    });
    expect(findEdge(r.raw, bundledKey, 'kind-of')?.to).toMatch(/kind-of.6\.0\.3$/);
    expect(findPackage(r.raw, 'link:local-lib')).toEqual({ key: 'link:local-lib', name: 'local-lib', version: '0.1.0', source: 'link', resolved: 'link:local-lib' });
    expect(findEdge(r.raw, 'importer:', 'local-lib')).toMatchObject({ to: 'link:local-lib', spec: 'link:./local-lib' });
    // The tarball URL is the registry's own: pnpm records a plain registry package for it.
    expect(findEdge(r.raw, 'importer:', 'is-even')).toMatchObject({ spec: expect.stringMatching(/^https:\/\/registry\.example\.test\//) });
    expect(findPackage(r.raw, reactDomKey)).toMatchObject({ name: 'react-dom', version: '18.2.0' });
    expect(findEdge(r.raw, reactDomKey, 'react')).toEqual({ from: reactDomKey, to: reactKey, name: 'react', spec: '^18.2.0', type: 'peer' });
    expect(r.raw.edges.filter((e) => e.from === reactDomKey && e.name === 'react')).toHaveLength(1);
    expect(findEdge(r.raw, 'importer:', 'fsevents')).toMatchObject({ type: 'optional', to: expect.stringContaining('fsevents') });
  });

  it('records requiresBuild (pnpm < 9) as hasInstallScript', async () => {
    const r = await readFixture('edge-pnpm8');
    expect(findPackage(r.raw, '/fsevents@2.3.3')?.hasInstallScript).toBe(true);
    expect(findPackage(r.raw, '/lodash@4.17.21')?.hasInstallScript).toBeUndefined();
  });

  it('v9: git, tarball, directory, scoped alias, peers from the suffix, missing link target', async () => {
    const r = await readHandWritten('sources-v9.yaml');
    expect(findEdge(r.raw, 'importer:', '@my/alias')).toMatchObject({ to: '@real/pkg@1.0.0', spec: 'npm:@real/pkg@^1.0.0' });
    expect(findPackage(r.raw, '@real/pkg@1.0.0')).toMatchObject({ name: '@real/pkg', version: '1.0.0', source: 'registry', integrity: 'sha512-AAAA' });
    const gitKey = 'from-git@git+https://git.example.test/user/from-git.git#0123456789abcdef0123456789abcdef01234567';
    expect(findPackage(r.raw, gitKey)).toMatchObject({
      name: 'from-git', version: '0.3.0', source: 'git',
      resolved: 'https://git.example.test/user/from-git.git#0123456789abcdef0123456789abcdef01234567',
    });
    expect(findEdge(r.raw, 'importer:', 'from-git')?.to).toBe(gitKey);
    const tgzKey = 'from-tarball@https://files.example.test/from-tarball-2.0.0.tgz';
    expect(findPackage(r.raw, tgzKey)).toMatchObject({ version: '2.0.0', source: 'tarball', resolved: 'https://files.example.test/from-tarball-2.0.0.tgz' });
    expect(findEdge(r.raw, tgzKey, 'host')).toMatchObject({ to: 'host@3.0.0', type: 'optional' });
    expect(findPackage(r.raw, 'local-dir@file:local-dir')).toMatchObject({ version: '0.0.1', source: 'file', resolved: 'file:local-dir' });
    // host is resolved only through the key's suffix; transitivePeerDependencies are not edges.
    expect(findEdge(r.raw, 'plugin@1.0.0(host@3.0.0)', 'host')).toMatchObject({ to: 'host@3.0.0', type: 'peer', spec: '^3.0.0' });
    expect(findEdge(r.raw, 'plugin@1.0.0(host@3.0.0)', 'absent')).toMatchObject({ to: null, type: 'peerOptional' });
    expect(r.raw.edges.filter((e) => e.from === 'plugin@1.0.0(host@3.0.0)')).toHaveLength(2);
    expect(findEdge(r.raw, 'importer:', 'missing-link')?.to).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'pnpm-lock/unknown-link-version', severity: 'warning' })]);
  });

  it('v5: scoped alias, peer suffix, git tarball with name/version fields, requiresBuild', async () => {
    const r = await readHandWritten('sources-v5.yaml');
    expect(r.raw.formatVersion).toBe('5.3');
    expect(r.diagnostics).toEqual([]);
    expect(findEdge(r.raw, 'importer:', '@my/alias')).toMatchObject({ to: '/@real/pkg/1.0.0', spec: 'npm:@real/pkg@^1.0.0' });
    expect(findPackage(r.raw, '/@real/pkg/1.0.0')).toMatchObject({ name: '@real/pkg', version: '1.0.0', hasInstallScript: true });
    expect(findPackage(r.raw, '/plugin/1.0.0_host@3.0.0')).toMatchObject({ name: 'plugin', version: '1.0.0' });
    expect(findEdge(r.raw, '/plugin/1.0.0_host@3.0.0', 'host')).toMatchObject({ to: '/host/3.0.0', type: 'peer', spec: '^3.0.0' });
    const gitKey = 'git.example.test/user/from-git/0123456789abcdef0123456789abcdef01234567';
    expect(findPackage(r.raw, gitKey)).toMatchObject({ name: 'from-git', version: '0.3.0', source: 'tarball' });
    expect(findEdge(r.raw, 'importer:', 'from-git')).toMatchObject({ to: gitKey, spec: 'github:user/from-git#abc' });
  });
});

describe('bad input', () => {
  const rejects = async (name: string, code: string, message: RegExp) => {
    const error = await readHandWritten(name).then(() => undefined, (e: unknown) => e);
    expect(isToolError(error)).toBe(true);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  };
  const file = (name: string) => join(fixtures, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('a truncated file is a parse error at its last line', async () => {
    await rejects('broken-truncated.yaml', 'ERR_PARSE', new RegExp(`^${file('broken-truncated.yaml')}:35: invalid YAML: unexpected end of the stream`));
  });

  it('invalid syntax is a parse error at the offending line', async () => {
    await rejects('invalid-syntax.yaml', 'ERR_PARSE', new RegExp(`^${file('invalid-syntax.yaml')}:10: invalid YAML: bad indentation`));
  });

  it('YAML that is not a pnpm lockfile is a format error', async () => {
    await rejects('wrong-format.yaml', 'ERR_FORMAT', new RegExp(`^${file('wrong-format.yaml')}: not a pnpm lockfile`));
    await rejects('wrong-format-npm.yaml', 'ERR_FORMAT', new RegExp(`^${file('wrong-format-npm.yaml')}: a JSON file`));
    for (const text of ['', 'just a string', '- a\n- b\n', 'lockfileVersion: {a: b}\n']) {
      await expect(readText(text)).rejects.toMatchObject({ code: 'ERR_FORMAT', message: expect.stringMatching(/^\/virtual\/pnpm-lock\.yaml: /) });
    }
  });

  it('an unknown lockfileVersion is a warning, read by shape', async () => {
    const r = await readHandWritten('unknown-version.yaml');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'pnpm-lock/unknown-version', severity: 'warning', message: expect.stringContaining('10.0') })]);
    expect(r.raw.formatVersion).toBe('10.0');
    expect(r.raw.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['debug@4.3.4', 'ms@2.1.2']);
    expect(findEdge(r.raw, 'debug@4.3.4', 'ms')?.to).toBe('ms@2.1.2');
  });

  it('an old lockfileVersion with slash keys is read by shape too', async () => {
    const r = await readText("lockfileVersion: '4.0'\n\npackages:\n\n  /ms/2.1.3:\n    resolution: {integrity: sha512-x}\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(['pnpm-lock/unknown-version']);
    expect(r.raw.packages).toMatchObject([{ key: '/ms/2.1.3', name: 'ms', version: '2.1.3', location: { file: VIRTUAL, line: 5 } }]);
  });

  it('skips entries without a version, with a diagnostic at their line', async () => {
    const r = await readHandWritten('entries-without-version.yaml');
    expect(r.raw.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['ms@2.1.3']);
    const where = join(fixtures, 'entries-without-version.yaml');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'pnpm-lock/bad-entry', location: { file: where, line: 17 }, message: expect.stringContaining('no name and version') }),
      expect.objectContaining({ code: 'pnpm-lock/bad-entry', location: { file: where, line: 21 }, message: expect.stringContaining('not a mapping') }),
      expect.objectContaining({ code: 'pnpm-lock/unresolved', message: expect.stringContaining('odd') }),
    ]);
    expect(findEdge(r.raw, 'importer:', 'odd')?.to).toBeNull();
  });

  it('a file cut at a line boundary still parses: missing targets become diagnostics', async () => {
    const text = readFileSync(join(generated, 'small-app-pnpm9', 'pnpm-lock.yaml'), 'utf8');
    const r = await readText(text.slice(0, text.indexOf('\nsnapshots:')));
    expect(r.raw.packages.length).toBeGreaterThan(0);
    // Without snapshots only the declared peers (from package metadata) remain.
    expect(r.raw.edges.filter((e) => e.from !== 'importer:' && !e.type.startsWith('peer'))).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('robustness', () => {
  it('returns or throws a ToolError for any mutation of a lockfile', async () => {
    const base = readFileSync(join(generated, 'edge-pnpm9', 'pnpm-lock.yaml'), 'utf8').slice(0, 3000);
    const mutation = fc.oneof(
      fc.nat({ max: base.length }).map((n) => base.slice(0, n)),
      fc.tuple(fc.nat({ max: base.length }), fc.string({ maxLength: 8 })).map(([n, s]) => base.slice(0, n) + s + base.slice(n)),
      fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 40 })).map(([n, k]) => base.slice(0, n) + base.slice(n + k)),
      fc.tuple(fc.nat({ max: base.length }), fc.constantFrom(':', '{', '[', "'", '"', '-', ' ', '\n', '(', '@', '/', '#')).map(
        ([n, c]) => base.slice(0, n) + c + base.slice(n),
      ),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (text) => {
        try {
          await readText(text);
        } catch (e) {
          if (!isToolError(e)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  }, 10_000);
});
