import { describe, expect, it } from 'vitest';
import { matchesPattern } from './index.js';

describe('matchesPattern', () => {
  it.each([
    ['lodash', 'lodash', true],
    ['lodash', 'lodas', false],
    ['lodash.merge', 'lodash.*', true],
    ['lodashXmerge', 'lodash.merge', false], // `.` is literal, not a regex wildcard
    ['eslint-config-x', 'eslint-*', true],
    ['eslint', 'eslint-*', false],
    ['eslint-', 'eslint-*', true], // `*` may match nothing
    ['@myorg/a', '@myorg/*', true],
    ['@myorg/a/b', '@myorg/*', false], // `*` does not cross `/`
    ['@other/a', '@myorg/*', false],
    ['@myorg', '@myorg/*', false],
    ['left-pad', '*', true],
    ['@myorg/a', '*', false], // `*` alone: unscoped names only
    ['@myorg/a', '@*/*', true],
    ['@myorg/plugin-x', '@*/plugin-*', true],
    ['@myorg/x-plugin', '@*/plugin-*', false],
    ['abcabc', 'a*c', true],
    ['abcab', 'a*c', false],
    ['aXbYc', '*b*', true],
    ['ab', 'a*b*b', false], // the middle literal must fit between prefix and suffix
    ['abb', 'a*b*b', true],
    ['a+b', 'a+b', true],
    ['a(b', 'a(*', true],
  ])('%s against %s: %s', (name, pattern, expected) => {
    expect(matchesPattern(name, pattern)).toBe(expected);
  });
});
