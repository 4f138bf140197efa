import { describe, expect, it } from 'vitest';
import { editDistance, isTypoOf, popularIndex } from './typo.js';

const popular = ['@types/node', 'chalk', 'cross-env', 'electron-updater', 'lodash', 'ms', 'mz', 'react', 'react-dom'];

describe('isTypoOf', () => {
  it.each([
    ['lodahs', 'lodash'], // two neighbours swapped
    ['lodas', 'lodash'], // one left out
    ['reacct', 'react'], // one doubled
    ['chalc', 'chalk'], // one replaced
    ['crossenv', 'cross-env'], // separator dropped (the 2017 typosquat)
    ['cross_env', 'cross-env'], // separator swapped
    ['types-node', '@types/node'], // scope turned into a prefix
    ['@typesnode/x', null],
    ['electorn-updatr', 'electron-updater'], // two edits in a long name
  ])('%s -> %s', (name, want) => {
    expect(isTypoOf(name, popular)).toBe(want);
  });

  it('never calls a popular name a typo, nor the same name', () => {
    expect(isTypoOf('mz', popular)).toBeNull();
    expect(isTypoOf('react-dom', popular)).toBeNull();
  });

  it('does not compare very short names by edit distance', () => {
    expect(isTypoOf('mx', popular)).toBeNull();
    expect(isTypoOf('reac', ['react'])).toBe('react');
  });

  it('allows two edits only for long names', () => {
    expect(isTypoOf('ldoahs', popular)).toBeNull(); // two swaps, 6 characters
    expect(isTypoOf('electron-updaterxx', popular)).toBe('electron-updater');
  });

  it('prefers the closest name, then the first in order', () => {
    const index = popularIndex(['abcdefgh', 'abcdefgx', 'abcdefxx']);
    expect(isTypoOf('abcdefgz', index)).toBe('abcdefgh');
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('ab', 'ba', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });

  it('gives up past the bound', () => {
    expect(editDistance('kitten', 'sitting', 2)).toBeNull();
    expect(editDistance('a', 'abcd', 2)).toBeNull();
  });
});

describe('isTypoOf: scopes', () => {
  it('does not call a sibling in the same scope a typo (only the scope owner can publish there)', () => {
    expect(isTypoOf('@aws-sdk/client-kms', ['@aws-sdk/client-sns'])).toBeNull();
    expect(isTypoOf('@aws-sbk/client-sns', ['@aws-sdk/client-sns'])).toBe('@aws-sdk/client-sns');
  });
});
