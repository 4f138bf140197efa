import { expectClientListing, findEdge, memFs, packageIds } from '../test-support/harness.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isToolError, type ReadonlyFs } from '../../core/index.js';
import { nodeFs } from '../test-support/node-fs.js';
import type { ReadResult } from '../types.js';
import { yarnClassicReader } from './reader.js';
import { sniffYarnLockfile } from '../shared/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const generated = join(here, 'fixtures', 'generated');

function readFixture(dir: string, fs: ReadonlyFs = nodeFs): Promise<ReadResult> {
  return yarnClassicReader.read({ path: join(dir, 'yarn.lock'), root: dir, fs });
}

const readText = (text: string, manifest?: string) =>
  yarnClassicReader.read({
    path: '/p/yarn.lock',
    root: '/p',
    fs: memFs(manifest === undefined ? { '/p/yarn.lock': text } : { '/p/yarn.lock': text, '/p/package.json': manifest }),
  });

const ids = packageIds;

describe('yarn/classic generated fixtures', () => {
  const dirs = readdirSync(generated).filter((d) => existsSync(join(generated, d, 'expected.json')));
  it('has fixtures', () => expect(dirs.length).toBeGreaterThanOrEqual(4));
  it.each(dirs)('%s: packages equal the client listing', async (d) => {
    const result = await readFixture(join(generated, d));
    expectClientListing(result, join(generated, d));
    expect(result.raw.edges.filter((e) => e.to === null && e.type !== 'peer')).toEqual([]);
  });
});

describe('yarn/classic specifics', () => {
  it('names an alias by its real package and keeps the alias on the edge', async () => {
    const { raw } = await readFixture(join(generated, 'edge-yarn1'));
    const e = findEdge(raw, 'importer:', 'lodash-legacy');
    expect(e).toMatchObject({ spec: 'npm:lodash@4.17.15', type: 'prod', to: 'lodash@4.17.15' });
    expect(raw.packages.find((p) => p.key === 'lodash@4.17.15')).toMatchObject({ name: 'lodash', source: 'registry' });
  });

  it('classifies tarball, file and optional dependencies', async () => {
    const { raw } = await readFixture(join(generated, 'edge-yarn1'));
    const byName = (n: string) => raw.packages.find((p) => p.name === n);
    expect(byName('is-even')?.source).toBe('tarball');
    expect(byName('local-lib')).toMatchObject({ source: 'file', version: '0.1.0' });
    expect(byName('bundled-demo')?.source).toBe('file');
    expect(findEdge(raw, 'importer:', 'fsevents')).toMatchObject({ type: 'optional', to: 'fsevents@2.3.3' });
    expect(findEdge(raw, 'importer:', 'react')?.type).toBe('prod');
    expect(raw.edges.filter((e) => e.from === 'importer:' && e.name === 'react').map((e) => e.type).sort()).toEqual(['peer', 'prod']);
    expect(findEdge(raw, 'local-lib@0.1.0', 'ms')).toMatchObject({ to: 'ms@2.1.3', type: 'prod' });
  });

  it('maps every descriptor of a multi-descriptor key to one package with the key line', async () => {
    const { raw } = await readText(
      '# yarn lockfile v1\n\n\n"a@^1.0.0", a@^1.1.0:\n  version "1.2.0"\n  resolved "https://r.example.test/a/-/a-1.2.0.tgz#x"\n\n' +
        'b@2:\n  version "2.0.0"\n  dependencies:\n    a "^1.1.0"\n  optionalDependencies:\n    "@s/c" "^3"\n',
      '{"dependencies":{"a":"^1.0.0","b":"2"},"devDependencies":{"x":"1"}}',
    );
    expect(raw.packages.map((p) => [p.key, p.location?.line])).toEqual([['a@1.2.0', 4], ['b@2.0.0', 8]]);
    expect(findEdge(raw, 'b@2.0.0', 'a')?.to).toBe('a@1.2.0');
    expect(findEdge(raw, 'b@2.0.0', '@s/c')).toMatchObject({ to: null, type: 'optional', spec: '^3' });
    expect(findEdge(raw, 'importer:', 'a')?.to).toBe('a@1.2.0');
    expect(findEdge(raw, 'importer:', 'x')).toMatchObject({ to: null, type: 'dev' });
  });

  it('reads workspaces from the root package.json and links them', async () => {
    const { raw } = await readFixture(join(generated, 'monorepo-yarn1'));
    expect(raw.importers.map((i) => [i.key, i.name])).toEqual([
      ['importer:', 'monorepo'],
      ['importer:packages/app', '@mono/app'],
      ['importer:packages/lib', '@mono/lib'],
    ]);
    expect(findEdge(raw, 'importer:packages/app', '@mono/lib')).toMatchObject({ to: 'importer:packages/lib', type: 'prod', spec: '*' });
    expect(findEdge(raw, 'importer:packages/app', 'ms')).toMatchObject({ type: 'dev' });
    expect(findEdge(raw, 'importer:', '@mono/app')).toMatchObject({ to: 'importer:packages/app', type: 'workspace' });
  });

  it('expands `**` and `!` workspace globs; warns only for syntax it does not support (braces)', async () => {
    const manifest = (name: string) => JSON.stringify({ name, version: '1.0.0' });
    const fs = memFs({
      '/p/yarn.lock': '# yarn lockfile v1\n',
      '/p/package.json': JSON.stringify({ workspaces: { packages: ['apps/**', '!apps/legacy', 'tools/{a,b}'] } }),
      '/p/apps/web/package.json': manifest('web'),
      '/p/apps/group/api/package.json': manifest('api'),
      '/p/apps/legacy/package.json': manifest('legacy'),
      '/p/apps/group/README.md': 'a folder without package.json is no workspace',
      '/p/tools/a/package.json': manifest('tool-a'),
    });
    const { raw, diagnostics } = await yarnClassicReader.read({ path: '/p/yarn.lock', root: '/p', fs });
    expect(raw.importers.map((i) => [i.path, i.name])).toEqual([['', undefined], ['apps/group/api', 'api'], ['apps/web', 'web']]);
    expect(diagnostics).toMatchObject([{ code: 'yarn-classic/workspace-glob', message: expect.stringContaining('"tools/{a,b}"') }]);
  });

  it('sniffs both flavours', () => {
    expect(sniffYarnLockfile('# yarn lockfile v1\n')).toBe('classic');
    expect(sniffYarnLockfile('# x\n\n__metadata:\n  version: 8\n')).toBe('berry');
    expect(sniffYarnLockfile('{}')).toBe('unknown');
  });
});

describe('yarn/classic bad input', () => {
  const broken = (name: string) => readFileSync(join(here, 'fixtures', name), 'utf8');

  it('rejects a berry lockfile', async () => {
    await expect(readText(broken('wrong-format-berry.lock'))).rejects.toThrow(/^\/p\/yarn\.lock: this is a yarn berry lockfile/);
  });
  it('reports the line of a syntax error', async () => {
    // Line 7 is indented two levels under `dependencies:`, which the library would silently stop at.
    await expect(readText(broken('broken-syntax.lock'))).rejects.toThrow(/^\/p\/yarn\.lock:7: bad indentation/);
  });
  it('rejects what the library would silently cut short: a blank line or a deeper indent inside an entry', async () => {
    const tail = '\nb@1:\n  version "1.0.0"\n';
    await expect(readText(`a@1:\n  version "1.0.0"\n\n  resolved "x"\n${tail}`)).rejects.toThrow(/^\/p\/yarn\.lock:4: bad indentation/);
    await expect(readText(`a@1:\n  version "1.0.0"\n    resolved "x"\n${tail}`)).rejects.toThrow(/^\/p\/yarn\.lock:3: bad indentation/);
    await expect(readText(`a@1:\n# note\n  version "1.0.0"\n${tail}`)).rejects.toThrow(/^\/p\/yarn\.lock:3: bad indentation/);
  });
  it("reports the library's syntax errors at the line in the file", async () => {
    const head = '# yarn lockfile v1\n\n\na@1:\n  version "1.0.0"\n\n\n';
    await expect(readText(`${head}b@1:\n  version "1.0.0"\n  resolved\n`)).rejects.toThrow(/^\/p\/yarn\.lock:10: invalid value type/);
    await expect(readText(`${head}b@1, :\n  version "1.0.0"\n`)).rejects.toThrow(/^\/p\/yarn\.lock:8: expected string/);
    await expect(readText(`${head}b@1:\n  version "1.0.0\n  resolved "x"\n`)).rejects.toThrow(/^\/p\/yarn\.lock:9: unterminated string/);
  });
  it('does not hang on a string or comment left open at the end', async () => {
    await expect(readText('a@1:\n  version "1.0.0"\n  resolved "x')).rejects.toThrow(/^\/p\/yarn\.lock:3: unterminated string/);
    const { raw } = await readText('# yarn lockfile v1\n\na@1:\n  version "1.0.0"\n# end');
    expect(ids(raw)).toEqual(['a@1.0.0']);
  });
  it('reads both sides of a merge conflict with a warning, and rejects a conflict whose side does not parse', async () => {
    const conflicted = (left: string) =>
      `# yarn lockfile v1\n\n\na@^1:\n<<<<<<< HEAD\n  version "${left}\n=======\n  version "1.1.0"\n>>>>>>> other\n\n"b@2", b@^2:\n  version "2.0.0"\n`;
    const { raw, diagnostics } = await readText(conflicted('1.0.0"'), '{"dependencies":{"b":"^2"}}');
    expect(raw.packages.map((p) => [p.key, p.location?.line])).toEqual([['a@1.1.0', 4], ['b@2.0.0', 11]]);
    expect(findEdge(raw, 'importer:', 'b')?.to).toBe('b@2.0.0');
    expect(diagnostics).toMatchObject([{ code: 'yarn-classic/merge-conflict', severity: 'warning' }]);
    await expect(readText(conflicted('1.0.0'))).rejects.toMatchObject({ code: 'ERR_PARSE', message: expect.stringMatching(/^\/p\/yarn\.lock: unresolved merge conflict/) });
  });
  it('reports an unterminated string in a truncated file', async () => {
    await expect(readText(broken('broken-truncated.lock'))).rejects.toMatchObject({ code: 'ERR_PARSE', message: expect.stringMatching(/^\/p\/yarn\.lock:\d+: unterminated string/) });
  });
  it('rejects a file that is not a lockfile at all', async () => {
    await expect(readText('{"lockfileVersion": 3}\n')).rejects.toMatchObject({ code: 'ERR_FORMAT', message: expect.stringMatching(/^\/p\/yarn\.lock: not a yarn lockfile/) });
  });
  it('skips an entry without a version with a diagnostic', async () => {
    const { raw, diagnostics } = await readText(broken('entry-without-version.lock'));
    expect(ids(raw)).toEqual(['b@1.0.0']);
    expect(diagnostics.filter((d) => d.code !== 'yarn-classic/no-manifest')).toMatchObject([
      { code: 'yarn-classic/bad-entry', location: { file: '/p/yarn.lock', line: 4 } },
    ]);
  });

  it('returns or throws a ToolError for any mutation of a real lockfile', async () => {
    const base = readFileSync(join(generated, 'edge-yarn1', 'yarn.lock'), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 8 }), async (at, cut, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + cut);
        try {
          await readText(text);
        } catch (e) {
          if (!isToolError(e)) throw e;
        }
      }),
      { numRuns: 300, interruptAfterTimeLimit: 1500 },
    );
  });
});
