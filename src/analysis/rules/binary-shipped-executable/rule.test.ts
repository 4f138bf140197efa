import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePackage } from '../../engine.js';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import type { Manifest } from '../../types.js';
import { rule } from './rule.js';

// The rule tester's cases have no executables (they are text), so valid cases only; executables are
// exercised below through the engine with a PackageInfo, and by the samples (real file heads).
testRule(rule, {
  valid: [
    { name: 'plain package', code: 'module.exports = 1;' },
    { name: 'package with a bin script', files: { 'bin/cli.js': '#!/usr/bin/env node\n' }, manifest: { name: 'cli', version: '1.0.0', bin: { cli: 'bin/cli.js' } } },
  ],
  invalid: [],
});

function run(manifest: Manifest, files: string[], executables: string[]) {
  return analyzePackage({ name: String(manifest['name']), version: '1.0.0', manifest, files: ['package.json', ...files], executables }, { rules: [rule], path: 'x', readFile: () => undefined }).findings;
}

describe('binary-shipped-executable with executables', () => {
  it('reports an executable in an ordinary package', () => {
    const found = run({ name: 'utils' }, ['index.js', 'node-gyp.dll'], ['node-gyp.dll']);
    expect(found.map((f) => [f.file, f.message])).toEqual([['node-gyp.dll', 'ships a native executable: node-gyp.dll']]);
  });
  it('accepts platform packages (os/cpu)', () => {
    expect(run({ name: '@x/linux-x64', os: ['linux'], cpu: ['x64'] }, ['bin/x'], ['bin/x'])).toEqual([]);
  });
  it('accepts native addons built with node-gyp', () => {
    expect(run({ name: 'addon', gypfile: true }, ['binding.gyp', 'build/Release/a.node'], ['build/Release/a.node'])).toEqual([]);
    expect(run({ name: 'addon', dependencies: { 'node-gyp-build': '4.8.0' } }, ['lib/a.node'], ['lib/a.node'])).toEqual([]);
    expect(run({ name: 'addon' }, ['prebuilds/linux-x64/a.node'], ['prebuilds/linux-x64/a.node'])).toEqual([]);
  });
  it('reports a .node file in a package with no addon tooling', () => {
    expect(run({ name: 'colors-lookalike' }, ['lib/x.node'], ['lib/x.node'])).toHaveLength(1);
  });
  it('caps the list', () => {
    const many = Array.from({ length: 14 }, (_, i) => `b${i}.exe`);
    const found = run({ name: 'many' }, many, many);
    expect(found).toHaveLength(11);
    expect(found.some((f) => f.message === 'ships 4 more native executables')).toBe(true);
  });
});

testSamples(rule, join(import.meta.dirname, 'samples'));
