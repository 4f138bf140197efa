import { describe, expect, it } from 'vitest';
import { readCaches } from './read-caches.js';
import { memFs } from './test-support/mem-fs.js';
import { versionFromSlug } from './yarn-classic.js';

const SHA1 = '5ac4d5aa037a9f919c977425418380bd17765a28';
const meta = (name: string, version: string) => JSON.stringify({ manifest: { name, version, _registry: 'npm' }, remote: { type: 'tarball' } });

describe('versionFromSlug', () => {
  it.each([
    [`npm-debug-4.4.2-${SHA1}-integrity`, 'debug', '4.4.2'],
    [`npm-debug-4.4.2-${SHA1}`, 'debug', '4.4.2'],
    [`npm-@cw-fixture-scoped-2.0.0-beta.1-${SHA1}-integrity`, '@cw-fixture/scoped', '2.0.0-beta.1'],
    // capitals are not kept by yarn's slug: JSONStream -> "-SONS..." -> "tream"
    [`npm-tream-1.3.5-${SHA1}-integrity`, 'JSONStream', '1.3.5'],
    [`npm-debug-4.4.2-integrity`, 'debug', '4.4.2'],
    [`yarn-debug-4.4.2-${SHA1}`, 'debug', '4.4.2'],
  ])('%s (%s)', (folder, name, version) => {
    expect(versionFromSlug(folder, name)).toBe(version);
  });

  it.each([
    [`npm-other-1.0.0-${SHA1}`, 'debug'],
    [`npm-debug-latest-${SHA1}`, 'debug'],
  ])('null when the folder does not fit: %s', (folder, name) => {
    expect(versionFromSlug(folder, name)).toBeNull();
  });
});

describe('reading a yarn 1 cache', () => {
  const v6 = '/home/u/.cache/yarn/v6';

  it('takes name and version from the metadata, scoped and not', async () => {
    const fs = memFs({
      [`${v6}/npm-debug-4.4.2-${SHA1}-integrity/node_modules/debug/.yarn-metadata.json`]: meta('debug', '4.4.2'),
      [`${v6}/npm-debug-4.4.2-${SHA1}-integrity/node_modules/debug/.yarn-tarball.tgz`]: 'bytes',
      [`${v6}/npm-debug-4.4.2-${SHA1}-integrity/node_modules/debug/index.js`]: 'code',
      [`${v6}/npm-@ctrl-tinycolor-4.1.1-${SHA1}-integrity/node_modules/@ctrl/tinycolor/.yarn-metadata.json`]: meta('@ctrl/tinycolor', '4.1.1'),
      [`${v6}/.tmp/abc/partial`]: '',
    });
    const result = await readCaches([{ format: 'yarn-classic', path: '/home/u/.cache/yarn', origin: 'default' }], fs);
    expect(result.entries.map((e) => [e.name, e.version, e.cache, e.kind])).toEqual([
      ['@ctrl/tinycolor', '4.1.1', 'yarn-classic', 'package'],
      ['debug', '4.4.2', 'yarn-classic', 'package'],
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(fs.reads.every((p) => p.endsWith('/.yarn-metadata.json'))).toBe(true);
  });

  it('falls back to the folder names when the metadata is missing or broken', async () => {
    const fs = memFs({
      [`${v6}/npm-debug-4.4.2-${SHA1}-integrity/node_modules/debug/.yarn-tarball.tgz`]: 'bytes',
      [`${v6}/npm-chalk-5.6.1-${SHA1}-integrity/node_modules/chalk/.yarn-metadata.json`]: '{"manifest":',
      [`${v6}/npm-unpacking-1.0.0-${SHA1}-integrity/node_modules/unpacking/index.js`]: '',
    });
    const result = await readCaches([{ format: 'yarn-classic', path: v6, origin: 'YARN_CACHE_FOLDER' }], fs);
    expect(result.entries.map((e) => [e.name, e.version, e.path.split('/').pop()])).toEqual([
      ['chalk', '5.6.1', '.yarn-metadata.json'],
      ['debug', '4.4.2', '.yarn-tarball.tgz'],
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['caches/bad-index']);
  });
});
