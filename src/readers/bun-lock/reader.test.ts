import { expectClientListing } from '../test-support/harness.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, ToolError, type ReadonlyFs } from '../../core/index.js';
import { nodeFs } from '../test-support/node-fs.js';
import type { RawEdge, ReadResult } from '../types.js';
import { bunLockReader } from './reader.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const generated = join(fixtures, 'generated');

function read(path: string, fs: ReadonlyFs = nodeFs): Promise<ReadResult> {
  return bunLockReader.read({ path, root: dirname(path), fs });
}

const readGenerated = (name: string) => read(join(generated, name, 'bun.lock'));

/** A ReadonlyFs holding one file, for inputs built in the test. */
function memoryFs(text: string): ReadonlyFs {
  const none = () => Promise.reject(new Error('not in this test'));
  return { readText: async () => text, readdir: none, lstat: none, realpath: none };
}

async function readError(path: string, fs?: ReadonlyFs): Promise<ToolError> {
  const error = await read(path, fs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolError);
  return error as ToolError;
}

function edge(result: ReadResult, from: string, name: string): RawEdge[] {
  return result.raw.edges.filter((e) => e.from === from && e.name === name);
}

function pkg(result: ReadResult, key: string) {
  const found = result.raw.packages.find((p) => p.key === key);
  expect(found, `package ${key}`).toBeDefined();
  return found!;
}

describe('bunLockReader', () => {
  it('matches bun.lock and bun.lockb only', () => {
    const m = (basename: string) => bunLockReader.matches({ path: `/p/${basename}`, basename });
    expect([m('bun.lock'), m('bun.lockb'), m('package-lock.json'), m('bun.lock.bak')]).toEqual([true, true, false, false]);
  });

  describe('generated fixtures: the name@version set equals what bun lists', () => {
    const folders = readdirSync(generated).filter((d) => existsSync(join(generated, d, 'bun.lock')));
    it('finds the fixtures of every client', () => {
      expect(folders.length).toBeGreaterThanOrEqual(11);
    });
    it.each(folders)('%s', async (folder) => {
      expectClientListing(await readGenerated(folder), join(generated, folder));
    });
  });

  describe('bun 1.4.5 edge project', async () => {
    const result = await readGenerated('edge-bun-1.4.5');

    it('records the format version and the root importer', () => {
      expect(result.raw.manager).toBe('bun');
      expect(result.raw.formatVersion).toBe('2');
      expect(result.raw.importers).toEqual([{ key: 'importer:', path: '', name: 'edge' }]);
    });

    it('names an alias node by the real package and its edge by the alias', () => {
      expect(pkg(result, 'lodash-legacy')).toMatchObject({ name: 'lodash', version: '4.17.15', source: 'registry' });
      expect(edge(result, 'importer:', 'lodash-legacy')).toEqual([
        { from: 'importer:', to: 'lodash-legacy', name: 'lodash-legacy', spec: 'npm:lodash@4.17.15', type: 'prod' },
      ]);
    });

    it('classifies link, local tarball and remote tarball packages', () => {
      expect(pkg(result, 'local-lib')).toMatchObject({ name: 'local-lib', version: 'link:./local-lib', source: 'link', resolved: 'link:./local-lib' });
      expect(pkg(result, 'bundled-demo')).toMatchObject({ source: 'file', resolved: './vendor/bundled-demo-1.0.0.tgz' });
      expect(pkg(result, 'bundled-demo').integrity).toMatch(/^sha512-/);
      const isEven = pkg(result, 'is-even');
      expect(isEven).toMatchObject({ name: 'is-even', source: 'tarball' });
      expect(isEven.resolved).toBe('https://registry.example.test/is-even/-/is-even-1.0.0.tgz');
    });

    it('marks bundled dependencies and keeps registry integrity', () => {
      expect(pkg(result, 'bundled-demo/is-number')).toMatchObject({ name: 'is-number', version: '7.0.0', bundled: true });
      expect(pkg(result, 'lodash').bundled).toBeUndefined();
      expect(pkg(result, 'lodash').integrity).toMatch(/^sha512-/);
    });

    it('types root edges by the group that declares them', () => {
      expect(edge(result, 'importer:', 'fsevents')).toEqual([{ from: 'importer:', to: 'fsevents', name: 'fsevents', spec: '2.3.3', type: 'optional' }]);
      expect(edge(result, 'importer:', 'react').map((e) => [e.type, e.spec, e.to])).toEqual([
        ['prod', '18.2.0', 'react'],
        ['peer', '>=17', 'react'],
      ]);
      expect(edge(result, 'react-dom', 'react')).toEqual([{ from: 'react-dom', to: 'react', name: 'react', spec: '^18.2.0', type: 'peer' }]);
    });

    it('resolves nested packages first, then walks up to the top level', () => {
      expect(edge(result, 'is-even/is-odd', 'is-number')[0]?.to).toBe('is-even/is-odd/is-number');
      expect(edge(result, 'is-even/is-odd/is-number', 'kind-of')[0]?.to).toBe('is-even/is-odd/is-number/kind-of');
      expect(edge(result, 'is-even/is-odd/is-number/kind-of', 'is-buffer')[0]?.to).toBe('is-buffer');
      expect(edge(result, 'is-odd', 'is-number')[0]?.to).toBe('is-number');
    });

    it('locates each package at the line of its key', () => {
      const lines = readFileSync(join(generated, 'edge-bun-1.4.5', 'bun.lock'), 'utf8').split('\n');
      for (const key of ['is-even/is-odd/is-number/kind-of', 'lodash-legacy', 'bundled-demo']) {
        const p = pkg(result, key);
        expect(p.location?.file).toBe(join(generated, 'edge-bun-1.4.5', 'bun.lock'));
        expect(lines[p.location!.line! - 1]?.trimStart().startsWith(`"${key}": [`)).toBe(true);
      }
    });
  });

  it('reads optional peers and nested versions (small-app, bun 1.4.5)', async () => {
    const result = await readGenerated('small-app-bun-1.4.5');
    expect(edge(result, 'debug', 'supports-color')).toEqual([
      { from: 'debug', to: 'supports-color', name: 'supports-color', spec: '*', type: 'peerOptional' },
    ]);
    expect(edge(result, 'debug', 'ms')[0]?.to).toBe('debug/ms');
    expect(pkg(result, 'debug/ms').version).toBe('2.1.2');
    expect(edge(result, 'importer:', 'ms')[0]).toMatchObject({ to: 'ms', type: 'dev' });
  });

  describe.each([
    ['monorepo-bun-1.4.5', '2', 'workspace:*'],
    ['monorepo-bun-1.3.14', '1', 'workspace:*'],
    ['monorepo-bun-1.1.45', '0', 'packages/lib'],
  ])('workspaces (%s)', (folder, formatVersion, libSpec) => {
    it('makes importers of the root and each workspace and links them', async () => {
      const result = await readGenerated(folder);
      expect(result.raw.formatVersion).toBe(formatVersion);
      expect(result.raw.importers).toEqual([
        { key: 'importer:', path: '', name: 'monorepo' },
        { key: 'importer:packages/app', path: 'packages/app', name: '@mono/app', version: '2.0.0' },
        { key: 'importer:packages/lib', path: 'packages/lib', name: '@mono/lib', version: '1.2.0' },
      ]);
      expect(result.raw.packages.some((p) => p.name.startsWith('@mono/'))).toBe(false);
      expect(edge(result, 'importer:', '@mono/app')).toEqual([
        { from: 'importer:', to: 'importer:packages/app', name: '@mono/app', spec: 'workspace:packages/app', type: 'workspace' },
      ]);
      expect(edge(result, 'importer:packages/app', '@mono/lib')).toEqual([
        { from: 'importer:packages/app', to: 'importer:packages/lib', name: '@mono/lib', spec: libSpec, type: 'prod' },
      ]);
      // A workspace's own node_modules is keyed by its name; otherwise the top level.
      expect(edge(result, 'importer:packages/lib', 'debug')[0]?.to).toBe('@mono/lib/debug');
      expect(pkg(result, '@mono/lib/debug').version).toBe('4.4.3');
      expect(edge(result, 'importer:packages/app', 'debug')[0]?.to).toBe('debug');
      expect(edge(result, 'importer:packages/app', 'ms')[0]).toMatchObject({ to: 'ms', type: 'dev', spec: '^2.1.3' });
      expect(edge(result, 'importer:', 'rimraf')[0]).toMatchObject({ to: 'rimraf', type: 'dev' });
    });
  });

  it('reads a folder dependency written by bun 1.3 (file:)', async () => {
    const result = await readGenerated('edge-bun-1.3.14');
    expect(pkg(result, 'local-lib')).toMatchObject({ version: 'local-lib', source: 'file', resolved: 'file:local-lib' });
    expect(edge(result, 'local-lib', 'ms')[0]).toMatchObject({ to: 'ms', spec: '2.1.3', type: 'prod' });
  });

  it('reads git packages and resolves through scoped install paths', async () => {
    const result = await read(join(fixtures, 'git-and-scoped.lock'));
    expect(result.diagnostics).toEqual([]);
    expect(pkg(result, 'from-git')).toMatchObject({ source: 'git', resolved: 'git+https://git.example.test/org/from-git.git#0123456789abcdef0123456789abcdef01234567' });
    expect(pkg(result, 'from-github')).toMatchObject({ source: 'git', version: 'github:org/from-github#89abcde' });
    expect(pkg(result, 'from-github').integrity).toBeUndefined();
    expect(edge(result, '@scope/outer', '@scope/inner')[0]?.to).toBe('@scope/outer/@scope/inner');
    expect(edge(result, '@scope/outer', 'leaf')[0]?.to).toBe('@scope/outer/leaf');
    expect(edge(result, '@scope/outer/@scope/inner', 'leaf')[0]?.to).toBe('@scope/outer/@scope/inner/leaf');
    expect(edge(result, '@scope/outer/@scope/inner', 'mid')[0]?.to).toBe('@scope/outer/mid');
    expect(edge(result, 'from-github', 'leaf')[0]?.to).toBe('leaf');
  });

  it('reads JSONC: comments and trailing commas, strings that look like comments', async () => {
    const result = await read(join(fixtures, 'jsonc-comments.lock'));
    expect(result.raw.packages.map((p) => `${p.name}@${p.version}:${p.location?.line}`)).toEqual(['ms@2.1.3:14', 'we"ird@1.0.0:16']);
    expect(edge(result, 'we"ird', 'ms')[0]).toMatchObject({ spec: '// not a comment, ]', to: 'ms' });
  });

  describe('bad input', () => {
    it('rejects bun.lockb (a real one, written by bun 1.1.38) with a hint', async () => {
      const path = join(generated, 'lockb-bun-1.1.38', 'bun.lockb');
      expect(readFileSync(path).subarray(0, 50).toString('latin1')).toContain('bun-lockfile-format-v0');
      const error = await readError(path);
      expect(error.code).toBe(ErrorCodes.unsupported);
      expect(error.message.startsWith(`${path}: `)).toBe(true);
      expect(error.hint).toContain('--save-text-lockfile');
    });

    it.each([
      ['broken-truncated.lock', 32],
      ['broken-syntax.lock', 24],
    ])('%s: parse error at its line', async (name, line) => {
      const path = join(fixtures, name);
      const error = await readError(path);
      expect(error.code).toBe(ErrorCodes.parse);
      expect(error.message.startsWith(`${path}:${line}: `)).toBe(true);
    });

    it('an empty file is a parse error', async () => {
      expect((await readError('/p/bun.lock', memoryFs(''))).code).toBe(ErrorCodes.parse);
    });

    it.each([
      ['wrong-format.lock (a package-lock.json)', join(fixtures, 'wrong-format.lock'), undefined],
      ['a JSON array', '/p/bun.lock', '[1, 2]'],
      ['packages that is not an object', '/p/bun.lock', '{ "lockfileVersion": 1, "workspaces": { "": {} }, "packages": [] }'],
    ])('%s: format error', async (_, path, text) => {
      const error = await readError(path, text === undefined ? nodeFs : memoryFs(text));
      expect(error.code).toBe(ErrorCodes.format);
      expect(error.message.startsWith(`${path}: not a bun lockfile`)).toBe(true);
    });

    it('unknown lockfileVersion: warns and reads what it can', async () => {
      const path = join(fixtures, 'unknown-version.lock');
      const result = await read(path);
      expect(result.raw.formatVersion).toBe('99');
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ code: 'bun-lock/unknown-version', severity: 'warning', location: { file: path, line: 1 } }),
      ]);
      expect(result.diagnostics[0]?.location).toEqual({ file: path, line: 1 });
      expect(result.raw.packages).toHaveLength(13);
    });

    it('skips entries without a version or tuple, with a diagnostic at their line', async () => {
      const path = join(fixtures, 'entries-without-versions.lock');
      const result = await read(path);
      expect(result.raw.packages.map((p) => p.key)).toEqual(['ms']);
      expect(result.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
        ['bun-lock/missing-version', 18],
        ['bun-lock/missing-version', 20],
        ['bun-lock/bad-entry', 22],
        ['bun-lock/bad-entry', 24],
      ]);
      for (const d of result.diagnostics) expect(d.location).toEqual({ file: path, line: expect.any(Number) });
      expect(edge(result, 'importer:', 'no-version')[0]?.to).toBeNull();
    });
  });

  describe('property: any input returns or throws ToolError', () => {
    const base = readFileSync(join(generated, 'edge-bun-1.4.5', 'bun.lock'), 'utf8');
    const outcome = (text: string) =>
      read('/p/bun.lock', memoryFs(text)).then(
        () => true,
        (e: unknown) => {
          if (!(e instanceof ToolError)) throw e;
          return true;
        },
      );

    it('mutated and truncated bun.lock text', async () => {
      const mutation = fc.record({ at: fc.nat(base.length), cut: fc.nat(40), insert: fc.string({ maxLength: 8 }), truncate: fc.boolean() });
      await fc.assert(
        fc.asyncProperty(mutation, async ({ at, cut, insert, truncate }) => {
          const text = truncate ? base.slice(0, at) : base.slice(0, at) + insert + base.slice(at + cut);
          return outcome(text);
        }),
        { numRuns: 150 },
      );
    });

    it('arbitrary JSON in bun.lock shapes', async () => {
      const anything = fc.jsonValue({ maxDepth: 3 });
      const doc = fc.record({
        lockfileVersion: anything,
        workspaces: fc.oneof(anything, fc.dictionary(fc.constantFrom('', 'packages/a', 'x'), anything)),
        packages: fc.oneof(anything, fc.dictionary(fc.string({ maxLength: 12 }), fc.array(anything, { maxLength: 5 }))),
      });
      await fc.assert(fc.asyncProperty(doc, async (d) => outcome(JSON.stringify(d))), { numRuns: 150 });
    });
  });
});
