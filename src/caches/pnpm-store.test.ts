import { describe, expect, it } from 'vitest';
import { parseV10IndexName } from './pnpm-store.js';
import { readCaches } from './read-caches.js';
import { memFs } from './test-support/mem-fs.js';

const T0 = Date.UTC(2025, 8, 8, 13, 16);
const at = (ms: number) => new Date(ms).toISOString();
const hex = (c: string, n: number) => c.repeat(n);
const index = (name?: string, version?: string) => JSON.stringify({ name, version, files: { 'package.json': { integrity: 'sha512-AAAA', mode: 420, size: 1 } } });

describe('parseV10IndexName', () => {
  it.each([
    [`${hex('a', 62)}-debug@4.4.2.json`, { name: 'debug', version: '4.4.2' }],
    [`${hex('b', 62)}-@ctrl+tinycolor@4.1.1.json`, { name: '@ctrl/tinycolor', version: '4.1.1' }],
    [`${hex('c', 62)}-@cw-fixture+scoped@2.0.0-beta.1.json`, { name: '@cw-fixture/scoped', version: '2.0.0-beta.1' }],
  ])('%s', (file, expected) => {
    expect(parseV10IndexName(file)).toEqual(expected);
  });

  it.each([
    `${hex('d', 62)}-https+++codeload.example.test+u+r+tar.gz+0123abcd.json`,
    `${hex('d', 62)}-debug@latest.json`,
    `${hex('d', 62)}-debug@4.4.2.json.tmp`,
    'debug@4.4.2.json',
  ])('not a registry package id: %s', (file) => {
    expect(parseV10IndexName(file)).toBeUndefined();
  });
});

describe('reading a pnpm store', () => {
  const store = '/home/u/.local/share/pnpm/store';

  it('reads v3 index files among the content files, and v10 names from file names', async () => {
    const fs = memFs({
      [`${store}/v3/files/0a/${hex('1', 126)}-index.json`]: index('debug', '4.4.2'),
      [`${store}/v3/files/0a/${hex('2', 126)}`]: 'content',
      [`${store}/v3/files/0b/${hex('3', 126)}-exec`]: 'content',
      [`${store}/v10/index/4d/${hex('4', 62)}-@ctrl+tinycolor@4.1.1.json`]: { text: index('@ctrl/tinycolor', '4.1.1'), mtimeMs: T0 },
      [`${store}/v10/files/4d/${hex('5', 126)}`]: 'content',
    });
    const result = await readCaches([{ format: 'pnpm-store', path: store, origin: 'default' }], fs);
    expect(result.entries.map((e) => [e.name, e.version, e.kind, e.fetchedAt])).toEqual([
      ['@ctrl/tinycolor', '4.1.1', 'package', at(T0)],
      ['debug', '4.4.2', 'package', at(T0)],
    ]);
    expect(result.diagnostics).toEqual([]);
    // Only the v3 index file was opened: v10 names come from the file name, content is never read.
    expect(fs.reads).toEqual([`${store}/v3/files/0a/${hex('1', 126)}-index.json`]);
  });

  it('reads the json of a v10 index whose file name is not name@version', async () => {
    const fs = memFs({ [`${store}/v10/index/aa/${hex('6', 62)}-https+++git.example.test+u+r.json`]: index('from-git', '1.2.3') });
    const result = await readCaches([{ format: 'pnpm-store', path: `${store}/v10`, origin: 'store-dir' }], fs);
    expect(result.entries.map((e) => `${e.name}@${e.version}`)).toEqual(['from-git@1.2.3']);
  });

  it('reports index files without names (pnpm 7) once, and broken ones each', async () => {
    const fs = memFs({
      [`${store}/v3/files/00/${hex('7', 126)}-index.json`]: index(),
      [`${store}/v3/files/01/${hex('8', 126)}-index.json`]: index(),
      [`${store}/v3/files/02/${hex('9', 126)}-index.json`]: '{"name":"torn',
      [`${store}/v3/files/03/${hex('a', 126)}-index.json`]: index('ok', '1.0.0'),
    });
    const result = await readCaches([{ format: 'pnpm-store', path: store, origin: 'default' }], fs);
    expect(result.entries.map((e) => e.name)).toEqual(['ok']);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['caches/bad-index', 'caches/unnamed']);
    expect(result.diagnostics.find((d) => d.code === 'caches/unnamed')!.message).toMatch(/and 1 more index files: no package name and version \(written by pnpm 7 or older\)/);
  });

  it('lists packument names from the metadata cache without reading them', async () => {
    const cache = '/home/u/.cache/pnpm';
    const fs = memFs({
      [`${cache}/metadata-v1.3/registry.example.test/chalk.json`]: '{}',
      [`${cache}/metadata-v1.3/registry.example.test/@ctrl/tinycolor.json`]: '{}',
      [`${cache}/metadata/registry.example.test+8080/debug.json`]: '{}',
      [`${cache}/metadata/registry.example.test+8080/debug.json.1234`]: '{}',
      [`${cache}/dlx/something/pkg.json`]: '{}',
    });
    const result = await readCaches([{ format: 'pnpm-metadata', path: cache, origin: 'default' }], fs);
    expect(result.entries.map((e) => [e.name, e.version, e.kind, e.cache])).toEqual([
      ['@ctrl/tinycolor', null, 'packument', 'pnpm'],
      ['chalk', null, 'packument', 'pnpm'],
      ['debug', null, 'packument', 'pnpm'],
    ]);
    expect(fs.reads).toEqual([]);
  });
});
