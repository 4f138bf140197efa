import { expectClientListing, findEdge, findPackage, memFs } from '../test-support/harness.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isToolError } from '../../core/index.js';
import { nodeFs } from '../test-support/node-fs.js';
import type { ReadResult } from '../types.js';
import { npmLockReader } from './reader.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const generated = join(fixtures, 'generated');

function lockfileIn(dir: string): string {
  return existsSync(join(dir, 'npm-shrinkwrap.json')) ? join(dir, 'npm-shrinkwrap.json') : join(dir, 'package-lock.json');
}

async function readFixture(name: string): Promise<ReadResult> {
  const dir = join(generated, name);
  return npmLockReader.read({ path: lockfileIn(dir), root: dir, fs: nodeFs });
}

/** Reads `text` as `/virtual/<basename>`, with optional other files (package.json ...). */
async function readText(text: string, files: Record<string, string> = {}, basename = 'package-lock.json') {
  const all: Record<string, string> = { [`/virtual/${basename}`]: text };
  for (const [name, content] of Object.entries(files)) all[`/virtual/${name}`] = content;
  const fs = memFs(all);
  return npmLockReader.read({ path: `/virtual/${basename}`, root: '/virtual', fs });
}

describe('npmLockReader.matches', () => {
  it('matches package-lock.json and npm-shrinkwrap.json only', () => {
    const m = (basename: string) => npmLockReader.matches({ path: `/p/${basename}`, basename });
    expect([m('package-lock.json'), m('npm-shrinkwrap.json'), m('package.json'), m('yarn.lock')]).toEqual([true, true, false, false]);
  });
});

describe('generated fixtures: the packages npm itself lists', () => {
  const names = readdirSync(generated).sort();
  it('has fixtures for npm 6, 8 and 11', () => {
    expect(names).toEqual(expect.arrayContaining(['small-app-npm6', 'small-app-npm8', 'small-app-npm11']));
  });
  it.each(names)('%s', async (name) => {
    expectClientListing(await readFixture(name), join(generated, name));
  });

  it.each(names)('%s: every package is located at its entry line', async (name) => {
    const result = await readFixture(name);
    const lines = readFileSync(lockfileIn(join(generated, name)), 'utf8').split('\n');
    const v1 = result.raw.formatVersion === '1';
    for (const p of result.raw.packages) {
      // v2/v3 entries are keyed by location, v1 entries by the name under their parent.
      const key = v1 ? p.key.slice(p.key.lastIndexOf('node_modules/') + 'node_modules/'.length) : p.key;
      expect(lines[(p.location?.line ?? 0) - 1], p.key).toContain(`"${key}": {`);
    }
  });
});

describe('lockfileVersion 3 (npm 11)', () => {
  it('reads the root, locations, resolved, integrity and typed edges', async () => {
    const r = await readFixture('small-app-npm11');
    expect(r.raw.formatVersion).toBe('3');
    expect(r.raw.importers).toEqual([{ key: 'importer:', path: '', name: 'small-app', version: '1.0.0' }]);
    const chalk = findPackage(r.raw, 'node_modules/chalk');
    expect(chalk).toMatchObject({ name: 'chalk', version: '4.1.2', source: 'registry' });
    expect(chalk?.resolved).toMatch(/^https:\/\/registry\.example\.test\/chalk\/-\/chalk-4\.1\.2\.tgz$/);
    expect(chalk?.integrity).toMatch(/^sha512-/);
    const text = readFileSync(lockfileIn(join(generated, 'small-app-npm11')), 'utf8').split('\n');
    expect(text[chalk!.location!.line! - 1]).toContain('"node_modules/chalk": {');
    expect(findEdge(r.raw, 'importer:', 'chalk')).toEqual({ from: 'importer:', to: 'node_modules/chalk', name: 'chalk', spec: '4.1.2', type: 'prod' });
    expect(findEdge(r.raw, 'importer:', 'ms')).toMatchObject({ type: 'dev', spec: '2.1.3', to: 'node_modules/ms' });
    expect(findEdge(r.raw, 'importer:', 'is-odd')).toMatchObject({ type: 'optional', to: 'node_modules/is-odd' });
    // debug@4.3.4 needs ms@2.1.2, installed under it: the nearest node_modules wins.
    expect(findEdge(r.raw, 'node_modules/debug', 'ms')).toMatchObject({ to: 'node_modules/debug/node_modules/ms' });
    expect(findPackage(r.raw, 'node_modules/debug/node_modules/ms')?.version).toBe('2.1.2');
    // is-odd@3.0.1 -> is-number@^6 nested; the root's is-number@^7 is top level.
    expect(findEdge(r.raw, 'node_modules/is-odd', 'is-number')?.to).toBe('node_modules/is-odd/node_modules/is-number');
  });

  it('types peers by peerDependenciesMeta and leaves a missing optional peer unresolved', async () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '^1.0.0', b: '^1.0.0' } },
        'node_modules/a': { version: '1.0.0', peerDependencies: { b: '^1', c: '^2' }, peerDependenciesMeta: { c: { optional: true } } },
        'node_modules/b': { version: '1.0.0' },
      },
    };
    const r = await readText(JSON.stringify(lock, null, 2));
    expect(findEdge(r.raw, 'node_modules/a', 'b')).toEqual({ from: 'node_modules/a', to: 'node_modules/b', name: 'b', spec: '^1', type: 'peer' });
    expect(findEdge(r.raw, 'node_modules/a', 'c')).toEqual({ from: 'node_modules/a', to: null, name: 'c', spec: '^2', type: 'peerOptional' });
  });

  it('debug declares peerDependenciesMeta without peerDependencies: no peer edge', async () => {
    const r = await readFixture('small-app-npm11');
    expect(findEdge(r.raw, 'node_modules/debug', 'supports-color')).toBeUndefined();
  });

  it('reads npm-shrinkwrap.json like package-lock.json', async () => {
    const r = await readFixture('small-app-npm11-shrinkwrap');
    expect(r.raw.packages.length).toBe((await readFixture('small-app-npm11')).raw.packages.length);
  });
});

describe('workspaces', () => {
  it.each(['monorepo-npm11', 'monorepo-npm8'])('%s: importers, links to them and root workspace edges', async (name) => {
    const r = await readFixture(name);
    expect(r.raw.importers.map((i) => i.key).sort()).toEqual(['importer:', 'importer:packages/app', 'importer:packages/lib']);
    expect(r.raw.importers.find((i) => i.path === 'packages/lib')).toMatchObject({ name: '@mono/lib', version: '1.2.0' });
    // The link node_modules/@mono/lib is not a package; the edge goes to the importer.
    expect(r.raw.packages.some((p) => p.name.startsWith('@mono/'))).toBe(false);
    expect(findEdge(r.raw, 'importer:packages/app', '@mono/lib')).toEqual({
      from: 'importer:packages/app', to: 'importer:packages/lib', name: '@mono/lib', spec: '*', type: 'prod',
    });
    expect(findEdge(r.raw, 'importer:packages/app', 'ms')).toMatchObject({ type: 'dev', to: 'node_modules/ms' });
    // lib needs debug@^4 (nested under packages/lib), app pins debug@2.6.9 (hoisted).
    expect(findEdge(r.raw, 'importer:packages/lib', 'debug')?.to).toBe('packages/lib/node_modules/debug');
    expect(findEdge(r.raw, 'importer:packages/app', 'debug')?.to).toBe('node_modules/debug');
    expect(findEdge(r.raw, 'importer:', '@mono/app')).toEqual({
      from: 'importer:', to: 'importer:packages/app', name: '@mono/app', spec: 'file:packages/app', type: 'workspace',
    });
  });
});

describe('edge cases (aliases, links, tarballs, bundled)', () => {
  it.each(['edge-npm11', 'edge-npm8', 'edge-npm6'])('%s', async (name) => {
    const r = await readFixture(name);
    const alias = findPackage(r.raw, 'node_modules/lodash-legacy');
    expect(alias).toMatchObject({ name: 'lodash', version: '4.17.15', source: 'registry' });
    expect(findEdge(r.raw, 'importer:', 'lodash-legacy')).toEqual({
      from: 'importer:', to: 'node_modules/lodash-legacy', name: 'lodash-legacy', spec: 'npm:lodash@4.17.15', type: 'prod',
    });
    expect(findPackage(r.raw, 'node_modules/is-even')).toMatchObject({ name: 'is-even', version: '1.0.0', source: 'tarball' });
    expect(findPackage(r.raw, 'node_modules/bundled-demo')).toMatchObject({ name: 'bundled-demo', version: '1.0.0', source: 'file' });
    expect(findPackage(r.raw, 'node_modules/bundled-demo/node_modules/is-number')).toMatchObject({ version: '7.0.0', bundled: true });
    const local = r.raw.packages.find((p) => p.name === 'local-lib');
    expect(local).toMatchObject({ version: '0.1.0', source: 'link' });
    expect(findEdge(r.raw, 'importer:', 'local-lib')?.to).toBe(local?.key);
    expect(findEdge(r.raw, 'importer:', 'fsevents')).toMatchObject({ type: 'optional', to: 'node_modules/fsevents' });
  });

  it('edge-npm11: peers and a link target\'s own dependencies', async () => {
    const r = await readFixture('edge-npm11');
    expect(findEdge(r.raw, 'node_modules/react-dom', 'react')).toMatchObject({ type: 'peer', spec: '^18.2.0', to: 'node_modules/react' });
    // `react` is both a dependency and a peer of the root: arborist lets the dependency win.
    expect(findEdge(r.raw, 'importer:', 'react')).toMatchObject({ type: 'prod', spec: '18.2.0' });
    expect(findEdge(r.raw, 'local-lib', 'ms')).toMatchObject({ to: 'node_modules/ms', spec: '2.1.3' });
  });

  it('small-app-npm8-no-resolved: entries without resolved are registry packages', async () => {
    const r = await readFixture('small-app-npm8-no-resolved');
    const chalk = findPackage(r.raw, 'node_modules/chalk');
    expect(chalk).toMatchObject({ source: 'registry', version: '4.1.2' });
    expect(chalk?.resolved).toBeUndefined();
    expect(chalk?.integrity).toMatch(/^sha512-/);
  });
});

describe('install scripts, optional peers and git dependencies', () => {
  it('large-npm11: hasInstallScript and optional peers', async () => {
    const r = await readFixture('large-npm11');
    expect(findPackage(r.raw, 'node_modules/esbuild')?.hasInstallScript).toBe(true);
    expect(findPackage(r.raw, 'node_modules/chalk')?.hasInstallScript).toBeUndefined();
    expect(findEdge(r.raw, 'node_modules/@jest/core', 'node-notifier')).toMatchObject({ type: 'peerOptional', to: null });
    // ajv-formats lists ajv as a dependency and as an optional peer: the dependency wins.
    expect(findEdge(r.raw, 'node_modules/ajv-formats', 'ajv')).toMatchObject({ type: 'prod', spec: '^8.0.0' });
    expect(findEdge(r.raw, 'node_modules/ajv-formats', 'ajv')?.to).toMatch(/node_modules\/ajv$/);
  });

  it('git and tarball resolutions (v3) give git and tarball sources', async () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { g: 'github:u/g', t: 'https://example.test/t.tgz' } },
        'node_modules/g': { version: '1.0.0', resolved: 'git+ssh://git@example.test/u/g.git#0123456789abcdef0123456789abcdef01234567' },
        'node_modules/t': { version: '2.0.0', resolved: 'https://example.test/t.tgz' },
      },
    };
    const r = await readText(JSON.stringify(lock));
    expect(findPackage(r.raw, 'node_modules/g')).toMatchObject({ source: 'git', version: '1.0.0' });
    expect(findPackage(r.raw, 'node_modules/t')).toMatchObject({ source: 'tarball', version: '2.0.0' });
    expect(findEdge(r.raw, 'importer:', 'g')).toMatchObject({ spec: 'github:u/g', to: 'node_modules/g' });
  });

  it('git and directory links (v1) keep the spec, or warn when the link has no package.json', async () => {
    const git = 'git+https://example.test/u/g.git#0123456789abcdef0123456789abcdef01234567';
    const lock = { lockfileVersion: 1, dependencies: { g: { version: git, from: 'github:u/g' }, l: { version: 'file:libs/l' } } };
    const r = await readText(JSON.stringify(lock), { 'package.json': '{"dependencies":{"g":"github:u/g","l":"file:libs/l"}}' });
    expect(findPackage(r.raw, 'node_modules/g')).toMatchObject({ name: 'g', version: git, source: 'git', resolved: git });
    expect(findPackage(r.raw, 'node_modules/l')).toMatchObject({ name: 'l', version: 'file:libs/l', source: 'link' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['npm-lock/unknown-link-version']);
  });
});

describe('lockfileVersion 1 (npm 6)', () => {
  it('builds locations from the nested tree and edges from requires', async () => {
    const r = await readFixture('small-app-npm6');
    expect(r.raw.formatVersion).toBe('1');
    expect(findEdge(r.raw, 'node_modules/debug', 'ms')).toMatchObject({ to: 'node_modules/debug/node_modules/ms', type: 'prod' });
    expect(findEdge(r.raw, 'importer:', 'ms')).toMatchObject({ type: 'dev', spec: '2.1.3' });
    const ms = findPackage(r.raw, 'node_modules/debug/node_modules/ms');
    const lines = readFileSync(join(generated, 'small-app-npm6', 'package-lock.json'), 'utf8').split('\n');
    expect(lines[ms!.location!.line! - 1]).toMatch(/^ {8}"ms": \{$/);
  });

  it('without package.json links the root to every top-level entry and warns', async () => {
    const lock = readFileSync(join(generated, 'small-app-npm6', 'package-lock.json'), 'utf8');
    const r = await readText(lock);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['npm-lock/no-root-manifest']);
    expect(findEdge(r.raw, 'importer:', 'ms')).toMatchObject({ type: 'dev', spec: '2.1.3', to: 'node_modules/ms' });
    expect(findEdge(r.raw, 'importer:', 'chalk')).toMatchObject({ type: 'prod', spec: '4.1.2' });
    expect(findEdge(r.raw, 'importer:', 'is-odd')).toMatchObject({ type: 'optional' });
  });

  it('walks a tree nested 10,000 levels deep without overflowing the stack', async () => {
    const depth = 10_000;
    let inner = '{"version":"1.0.0"}';
    for (let i = depth - 1; i > 0; i--) inner = `{"version":"1.0.0","requires":{"p":"1.0.0"},"dependencies":{"p":${inner}}}`;
    const r = await readText(`{"lockfileVersion":1,"dependencies":{"p":${inner}}}`, { 'package.json': '{}' });
    expect(r.raw.packages.length).toBe(depth);
    expect(r.raw.edges.length).toBe(depth - 1);
    expect(r.raw.edges.every((e) => e.to !== null)).toBe(true);
  });
});

describe('bad input', () => {
  const broken = (name: string) => readFileSync(join(fixtures, name), 'utf8');

  it('a truncated file is a parse error with the file and line', async () => {
    const err = await readText(broken('broken-truncated.json')).catch((e: unknown) => e);
    expect(isToolError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^\/virtual\/package-lock\.json:\d+: invalid JSON/);
    expect((err as { code: string }).code).toBe('ERR_PARSE');
  });

  it('invalid syntax is a parse error at the line where JSON.parse stops (after a missing comma)', async () => {
    const err = await readText(broken('broken-syntax.json')).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^\/virtual\/package-lock\.json:7: invalid JSON/);
  });

  it.each([
    ['a package.json saved under the name', 'wrong-format.json'],
    ['an array', 'wrong-format-array.json'],
  ])('%s is a format error', async (_what, name) => {
    const err = await readText(broken(name)).catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe('ERR_FORMAT');
    expect((err as Error).message).toMatch(/^\/virtual\/package-lock\.json: not an npm lockfile/);
  });

  it('an unknown lockfileVersion gives a warning and a best-effort read', async () => {
    const r = await readText(broken('unknown-version.json'));
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'npm-lock/unknown-version', severity: 'warning' })]);
    expect(r.raw.formatVersion).toBe('4');
    expect(r.raw.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['left-pad@1.3.0']);
  });

  it('entries without a version are skipped with a located diagnostic', async () => {
    const r = await readText(broken('missing-versions.json'), { 'package.json': '{}' });
    expect(r.raw.packages.map((p) => p.key)).toEqual(['node_modules/ok']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'npm-lock/bad-entry', location: { file: '/virtual/package-lock.json', line: 9 } }),
      expect.objectContaining({ code: 'npm-lock/bad-entry', message: expect.stringContaining('not an object') }),
    ]);
    expect(findEdge(r.raw, 'importer:', 'no-version')?.to).toBeNull();
  });

  it('never throws anything but ToolError on mangled input', async () => {
    const seed = readFileSync(join(generated, 'edge-npm11', 'package-lock.json'), 'utf8');
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seed.length }), fc.nat({ max: seed.length }), fc.string({ maxLength: 8 }),
        async (cut, at, insert) => {
          const text = (seed.slice(0, at) + insert + seed.slice(at)).slice(0, Math.max(cut, at));
          try {
            await readText(text, { 'package.json': '{}' });
          } catch (e) {
            if (!isToolError(e)) throw e;
          }
        },
      ),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        try {
          await readText(JSON.stringify({ lockfileVersion: 3, packages: value, dependencies: value }));
        } catch (e) {
          if (!isToolError(e)) throw e;
        }
      }),
      { numRuns: 100 },
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
