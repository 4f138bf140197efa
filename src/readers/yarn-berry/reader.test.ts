import { expectClientListing, findEdge, memFs, packageIds } from '../test-support/harness.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isToolError } from '../../core/index.js';
import { nodeFs } from '../test-support/node-fs.js';
import type { ReadResult } from '../types.js';
import { yarnBerryReader } from './reader.js';

const here = dirname(fileURLToPath(import.meta.url));
const generated = join(here, 'fixtures', 'generated');

function readFixture(dir: string): Promise<ReadResult> {
  return yarnBerryReader.read({ path: join(dir, 'yarn.lock'), root: dir, fs: nodeFs });
}

const readText = (text: string, extra: Record<string, string> = {}) =>
  yarnBerryReader.read({ path: '/p/yarn.lock', root: '/p', fs: memFs({ '/p/yarn.lock': text, ...extra }) });

const ids = packageIds;
const fixture = (name: string) => readFileSync(join(here, 'fixtures', name), 'utf8');

describe('yarn/berry generated fixtures', () => {
  const dirs = readdirSync(generated).filter((d) => existsSync(join(generated, d, 'expected.json')));
  it('has fixtures', () => expect(dirs.length).toBeGreaterThanOrEqual(12));
  it.each(dirs)('%s: packages equal the client listing', async (d) => {
    const result = await readFixture(join(generated, d));
    expectClientListing(result, join(generated, d));
    expect(result.raw.edges.filter((e) => e.to === null && e.type !== 'peer' && e.type !== 'peerOptional')).toEqual([]);
  });
});

describe('yarn/berry specifics', () => {
  it.each(['edge-yarn4', 'edge-yarn3', 'edge-yarn2'])('%s: alias, link, tarball, file, patch', async (d) => {
    const { raw } = await readFixture(join(generated, d));
    expect(findEdge(raw, 'importer:', 'lodash-legacy')).toMatchObject({ spec: 'npm:lodash@4.17.15', type: 'prod', to: 'lodash@npm:4.17.15' });
    expect(raw.packages.find((p) => p.key === 'lodash@npm:4.17.15')).toMatchObject({ name: 'lodash', source: 'registry' });
    const byName = (n: string) => raw.packages.filter((p) => p.name === n);
    expect(byName('local-lib')).toMatchObject([{ source: 'link', version: '0.1.0' }]);
    expect(byName('is-even')).toMatchObject([{ source: 'tarball', resolved: expect.stringMatching(/^https:\/\/registry\.example\.test\//) }]);
    expect(byName('bundled-demo')).toMatchObject([{ source: 'file' }]);
    // The builtin fsevents patch folds onto fsevents@npm:2.3.3: one node.
    expect(byName('fsevents').map((p) => p.key)).toEqual(['fsevents@npm:2.3.3']);
    expect(findEdge(raw, 'importer:', 'fsevents')).toMatchObject({ to: 'fsevents@npm:2.3.3', type: 'optional' });
    expect(findEdge(raw, 'importer:', 'react')).toMatchObject({ to: 'react@npm:18.2.0', type: 'prod' });
    expect(raw.edges.find((e) => e.from === 'importer:' && e.type === 'peer')).toMatchObject({ name: 'react', spec: '>=17', to: 'react@npm:18.2.0' });
    expect(findEdge(raw, 'react-dom@npm:18.2.0', 'react')).toMatchObject({ type: 'peer', to: 'react@npm:18.2.0' });
  });

  it.each(['monorepo-yarn4', 'monorepo-yarn2'])('%s: workspaces are importers with dev-ness from package.json', async (d) => {
    const { raw } = await readFixture(join(generated, d));
    expect(raw.importers.map((i) => [i.key, i.name, i.version])).toEqual(
      expect.arrayContaining([
        ['importer:', 'monorepo', '0.0.0'],
        ['importer:packages/app', '@mono/app', '2.0.0'],
        ['importer:packages/lib', '@mono/lib', '1.2.0'],
      ]),
    );
    expect(raw.importers).toHaveLength(3);
    expect(findEdge(raw, 'importer:packages/app', '@mono/lib')).toMatchObject({ to: 'importer:packages/lib', type: 'prod', spec: 'workspace:*' });
    expect(findEdge(raw, 'importer:packages/app', 'ms')?.type).toBe('dev');
    expect(findEdge(raw, 'importer:', 'rimraf')?.type).toBe('dev');
    expect(findEdge(raw, 'importer:', '@mono/app')).toMatchObject({ to: 'importer:packages/app', type: 'workspace' });
  });

  it('folds virtual instances onto their package and keeps their edges', async () => {
    const { raw } = await readText(fixture('virtual-and-patch.lock'), { '/p/package.json': '{"name":"root","devDependencies":{"b":"^1"}}' });
    expect(raw.packages.map((p) => [p.key, p.version, p.location?.line])).toEqual([
      ['a@npm:1.0.0', '1.0.0', 7],
      ['b@npm:1.0.0', '1.0.0', 31],
      ['peer-dep@npm:2.0.0', '2.0.0', 37],
    ]);
    expect(raw.edges.filter((e) => e.from === 'a@npm:1.0.0').map((e) => [e.name, e.type, e.to]).sort()).toEqual([
      ['b', 'prod', 'b@npm:1.0.0'],
      ['opt-peer', 'peerOptional', null],
      ['peer-dep', 'peer', 'peer-dep@npm:2.0.0'],
    ]);
    expect(findEdge(raw, 'importer:', 'a')).toMatchObject({ to: 'a@npm:1.0.0', type: 'prod' });
    expect(findEdge(raw, 'importer:', 'b')).toMatchObject({ to: 'b@npm:1.0.0', type: 'dev' });
  });

  it('warns and reports prod when a workspace package.json is missing', async () => {
    const { raw, diagnostics } = await readText(fixture('virtual-and-patch.lock'));
    expect(findEdge(raw, 'importer:', 'b')?.type).toBe('prod');
    expect(diagnostics).toMatchObject([{ code: 'yarn-berry/no-manifest', severity: 'warning' }]);
  });
});

describe('yarn/berry bad input', () => {
  it('rejects a classic lockfile', async () => {
    await expect(readText(fixture('wrong-format-classic.lock'))).rejects.toThrow(/^\/p\/yarn\.lock: this is a yarn classic/);
  });
  it('rejects a file without __metadata', async () => {
    await expect(readText(fixture('missing-metadata.lock'))).rejects.toMatchObject({ code: 'ERR_FORMAT', message: expect.stringMatching(/^\/p\/yarn\.lock: no __metadata\.version/) });
  });
  it('reads an unknown metadata version with a warning', async () => {
    const { raw, diagnostics } = await readText(fixture('unknown-version.lock'), { '/p/package.json': '{}' });
    expect(raw.formatVersion).toBe('99');
    expect(ids(raw)).toEqual(['ms@2.1.3']);
    expect(diagnostics).toMatchObject([{ code: 'yarn-berry/unknown-version', location: { line: 3 } }]);
  });
  it('reports the line of a truncated file', async () => {
    await expect(readText(fixture('broken-truncated.lock'))).rejects.toThrow(/^\/p\/yarn\.lock:10: invalid YAML: unexpected end of the stream within a double quoted scalar/);
  });
  it('skips an entry without a version with a diagnostic', async () => {
    const { raw, diagnostics } = await readText(fixture('entry-without-version.lock'), { '/p/package.json': '{}' });
    expect(ids(raw)).toEqual(['ms@2.1.3']);
    expect(diagnostics).toMatchObject([{ code: 'yarn-berry/bad-entry', location: { file: '/p/yarn.lock', line: 9 } }]);
  });

  it('returns or throws a ToolError for any mutation of a real lockfile', async () => {
    const base = readFileSync(join(generated, 'edge-yarn4', 'yarn.lock'), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 8 }), async (at, cut, insert) => {
        try {
          await readText(base.slice(0, at) + insert + base.slice(at + cut));
        } catch (e) {
          if (!isToolError(e)) throw e;
        }
      }),
      { numRuns: 300, interruptAfterTimeLimit: 1500 },
    );
  });
});
