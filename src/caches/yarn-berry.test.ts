import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCaches } from './read-caches.js';
import { memFs } from './test-support/mem-fs.js';
import { parseBerryArchiveName, parseBerryMetadataName } from './yarn-berry.js';

const sha512 = (s: string) => createHash('sha512').update(s).digest('hex');
/** What yarn puts in the file name: the first 10 hex of sha512(sha512(scope + name) + reference). */
const locatorHash = (scope: string | null, name: string, reference: string) => sha512(sha512(`${scope ?? ''}${name}`) + reference).slice(0, 10);
const archive = (scope: string | null, name: string, version: string) =>
  `${scope ? `@${scope}-` : ''}${name}-npm-${version}-${locatorHash(scope, name, `npm:${version}`)}-10c0.zip`;

describe('parseBerryArchiveName', () => {
  it('reads the fixture yarn 4 wrote (scope with a dash, prerelease version)', () => {
    expect(parseBerryArchiveName('@cw-fixture-scoped-npm-2.0.0-beta.1-b7baaf118c-10c0.zip')).toEqual({ name: '@cw-fixture/scoped', version: '2.0.0-beta.1' });
  });

  it.each([
    [null, 'debug', '4.4.2'],
    ['ctrl', 'tinycolor', '4.1.1'],
    ['aws-sdk', 'client-s3', '3.888.0'],
    ['art-ws', 'common', '2.0.28'],
    ['a', 'b-c-d', '1.0.0'],
    [null, 'foo-npm-bar', '1.0.0-npm-1'],
  ])('settles where the scope ends by the hash: @%s/%s@%s', (scope, name, version) => {
    expect(parseBerryArchiveName(archive(scope, name, version))).toEqual({ name: scope ? `@${scope}/${name}` : name, version });
  });

  it('reads a checksum in place of the cache key (project caches)', () => {
    const file = archive('ctrl', 'tinycolor', '4.1.1').replace('-10c0.zip', '-b51f0f2df3.zip');
    expect(parseBerryArchiveName(file)).toEqual({ name: '@ctrl/tinycolor', version: '4.1.1' });
  });

  it('lists every possible name when the hash does not settle it', () => {
    // e.g. a reference with parameters (npm:1.0.0::__archiveUrl=...) hashes differently
    expect(parseBerryArchiveName('@art-ws-common-npm-2.0.28-0123456789-10c0.zip')).toEqual({
      name: '@art/ws-common',
      version: '2.0.28',
      nameCandidates: ['@art/ws-common', '@art-ws/common'],
    });
    expect(parseBerryArchiveName('debug-npm-4.4.2-0123456789-10c0.zip')).toEqual({ name: 'debug', version: '4.4.2' });
  });

  it('gives no version for other protocols', () => {
    expect(parseBerryArchiveName('left-pad-patch-0123456789-10c0.zip')).toEqual({ name: 'left-pad', version: null });
    expect(parseBerryArchiveName('from-git-https-0123456789-8.zip')).toEqual({ name: 'from-git', version: null });
  });

  it.each(['debug.zip', 'debug-npm-4.4.2.zip', 'debug-npm-4.4.2-XYZ0123456-10c0.zip', '@-npm-1.0.0-0123456789-10c0.zip'])('not an archive name: %s', (f) => {
    expect(parseBerryArchiveName(f)).toBeUndefined();
  });
});

describe('parseBerryMetadataName', () => {
  it.each([
    ['debug.json', 'debug'],
    ['@cw-fixture-scoped-10.json', '@cw-fixture/scoped'],
    ['@aws-sdk-client-s3-7.json', '@aws-sdk/client-s3'],
  ])('%s', (file, name) => {
    expect(parseBerryMetadataName(file)).toBe(name);
  });

  it.each(['@aws-sdk-client-s3-99.json', '@aws-sdk-client-s3.json', 'debug.json.tmp', '@aws-sdk-client-s3-6.json'])('not a metadata name: %s', (file) => {
    expect(parseBerryMetadataName(file)).toBeUndefined();
  });
});

describe('reading yarn 2+ caches', () => {
  it('lists archives by name (never opening them) and reports odd files', async () => {
    const dir = '/p/.yarn/cache';
    const fs = memFs({
      [`${dir}/${archive('ctrl', 'tinycolor', '4.1.1')}`]: 'zip',
      [`${dir}/${archive(null, 'debug', '4.4.2')}`]: 'zip',
      [`${dir}/.gitignore`]: '',
      [`${dir}/not-yarns.zip`]: 'zip',
    });
    const result = await readCaches([{ format: 'yarn-berry', path: dir, origin: 'project /p' }], fs);
    expect(result.entries.map((e) => [e.name, e.version, e.cache, e.kind])).toEqual([
      ['@ctrl/tinycolor', '4.1.1', 'yarn-berry', 'package'],
      ['debug', '4.4.2', 'yarn-berry', 'package'],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([['caches/unknown-name', `${dir}/not-yarns.zip`]]);
    expect(fs.reads).toEqual([]);
  });

  it('lists packuments from the global folder metadata cache', async () => {
    const global = '/home/u/.yarn/berry';
    const fs = memFs({
      [`${global}/metadata/npm/a3cd44/registry.example.test/@ctrl-tinycolor-4.json`]: '{}',
      [`${global}/metadata/npm/a3cd44/registry.example.test/debug.json`]: '{}',
      [`${global}/cache/${archive(null, 'debug', '4.4.2')}`]: 'zip',
    });
    const result = await readCaches([{ format: 'yarn-berry-metadata', path: global, origin: 'default' }], fs);
    expect(result.entries.map((e) => [e.name, e.kind])).toEqual([
      ['@ctrl/tinycolor', 'packument'],
      ['debug', 'packument'],
    ]);
  });
});
