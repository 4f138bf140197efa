import { describe, expect, it } from 'vitest';
import { parseRegistryUrl } from './registry-url.js';

const R = 'https://registry.example.test';

describe('parseRegistryUrl', () => {
  it.each([
    [`${R}/lodash/-/lodash-4.17.21.tgz`, 'lodash', '4.17.21'],
    [`${R}/@ctrl/tinycolor/-/tinycolor-4.1.1.tgz`, '@ctrl/tinycolor', '4.1.1'],
    [`${R}/@ctrl%2ftinycolor/-/tinycolor-4.1.1.tgz`, '@ctrl/tinycolor', '4.1.1'],
    [`${R}/@ctrl%2Ftinycolor/-/tinycolor-4.1.1.tgz`, '@ctrl/tinycolor', '4.1.1'],
    [`${R}/%40ctrl%2ftinycolor/-/tinycolor-4.1.1.tgz`, '@ctrl/tinycolor', '4.1.1'],
    // scope repeated in the file part (some registries)
    [`${R}/@ctrl/tinycolor/-/@ctrl/tinycolor-4.1.1.tgz`, '@ctrl/tinycolor', '4.1.1'],
    // registries under a path prefix
    [`${R}/artifactory/api/npm/npm-remote/debug/-/debug-4.4.2.tgz`, 'debug', '4.4.2'],
    [`${R}/artifactory/api/npm/npm-remote/@scope/pkg-name/-/pkg-name-1.0.0.tgz`, '@scope/pkg-name', '1.0.0'],
    [`http://registry.example.test:4873/nexus/repository/npm/@scope%2fpkg/-/pkg-2.0.0-rc.1.tgz`, '@scope/pkg', '2.0.0-rc.1'],
    // prerelease and build metadata, a name ending in digits
    [`${R}/duckdb/-/duckdb-1.3.3-beta.1+build.7.tgz`, 'duckdb', '1.3.3-beta.1+build.7'],
    [`${R}/base64-js-2/-/base64-js-2-1.0.0.tgz`, 'base64-js-2', '1.0.0'],
    // a query string does not change what was fetched
    [`${R}/chalk/-/chalk-5.6.1.tgz?cache=bust`, 'chalk', '5.6.1'],
    // the file is named differently from the package: the version is the first whole one
    [`${R}/is-arrayish/-/renamed-0.3.3.tgz`, 'is-arrayish', '0.3.3'],
  ])('tarball %s', (url, name, version) => {
    expect(parseRegistryUrl(url)).toEqual({ kind: 'tarball', name, version });
  });

  it.each([
    [`${R}/chalk`, 'chalk'],
    [`${R}/@ctrl%2ftinycolor`, '@ctrl/tinycolor'],
    [`${R}/@ctrl/tinycolor`, '@ctrl/tinycolor'],
    [`${R}/prefix/path/@ctrl%2ftinycolor`, '@ctrl/tinycolor'],
    [`${R}/prefix/path/JSONStream`, 'JSONStream'],
    [`${R}/chalk?write=true`, 'chalk'],
  ])('packument %s', (url, name) => {
    expect(parseRegistryUrl(url)).toEqual({ kind: 'packument', name });
  });

  it.each([
    `${R}/-/v1/search?text=chalk`,
    `${R}/-/npm/v1/security/advisories/bulk`,
    `${R}/-/npm/v1/keys`,
    `${R}/`,
    `${R}/chalk/-/chalk-latest.tgz`,
    `${R}/chalk/-/chalk-5.6.1.zip`,
    `${R}/@ctrl/tinycolor/-/@other/tinycolor-4.1.1.tgz`,
    `${R}/@/x/-/x-1.0.0.tgz`,
    `${R}/a/-/b/c/a-1.0.0.tgz`,
    `${R}/@scope%2f%2fx`,
    `${R}/pkg/archive/pkg.tar.gz`,
    `${R}/bad%E0%A4%A`,
    'not a url',
  ])('not a registry package: %s', (url) => {
    expect(parseRegistryUrl(url)).toBeUndefined();
  });
});
