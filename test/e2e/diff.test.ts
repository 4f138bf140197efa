import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackages, startRegistry, type TestRegistry } from '../../src/registry/test-support/registry-server.js';
import { releaseScenarios, shiftedTo, startScenarioRegistry } from '../../src/registry/test-support/release-scenarios.js';
import { sarifErrors } from '../../src/report/test-support/sarif-schema.js';
import { runCli } from './support/run-cli.js';

// `chainwatch diff` and `chainwatch verify` as a user runs them: the built CLI against a registry
// on 127.0.0.1 serving issue 5's five release scenarios (inert imitations), moved in time so that
// their "now" is the real clock's.
const repo = resolve(__dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-diff-e2e-'));
const now = new Date();
const DAY = 24 * 60 * 60 * 1000;
const scenarios = releaseScenarios.map((s) => shiftedTo(s, now));
let registry: TestRegistry;
let env: Record<string, string>;

beforeAll(async () => {
  registry = await startScenarioRegistry(scenarios);
  const npmrc = join(scratch, 'registry.npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n`);
  env = { npm_config_userconfig: npmrc, npm_config_cache: join(scratch, 'npm-cache') };
});
afterAll(async () => {
  await registry?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const cli = (args: string[], opts: { cwd?: string } = {}) => runCli(args, { cwd: opts.cwd ?? scratch, home: scratch, env });

const ajv = new Ajv({ allErrors: true, strict: false });
const validateDiff = ajv.compile(JSON.parse(readFileSync(join(repo, 'docs/schemas/diff.schema.json'), 'utf8')));
const validateVerify = ajv.compile(JSON.parse(readFileSync(join(repo, 'docs/schemas/verify.schema.json'), 'utf8')));

interface DiffDoc {
  name: string;
  from: string;
  to: string;
  verdict: string;
  score: number;
  reasons: string[];
  files: { added: string[]; removed: string[]; changed: string[] };
  findings: { rule: string; file: string; line: number | null; message: string }[];
}

describe('chainwatch diff', () => {
  for (const s of scenarios) {
    it(`${s.id}: ${s.name} ${s.from} -> ${s.to} is ${s.expected}`, async () => {
      const r = await cli(['diff', `${s.name}@${s.from}`, `${s.name}@${s.to}`, '--format', 'json']);
      expect(r.stderr).toBe('');
      const doc = JSON.parse(r.stdout) as DiffDoc;
      expect(validateDiff(doc), JSON.stringify(validateDiff.errors)).toBe(true);
      expect(doc).toMatchObject({ name: s.name, from: s.from, to: s.to, verdict: s.expected });
      expect(r.code).toBe(s.expected === 'malicious' ? 1 : 0);
      if (s.expected === 'clean') expect(doc.reasons).toEqual([]);
      else expect(doc.reasons.length).toBeGreaterThan(0);
    });
  }

  it('says what the chalk-like release added and where, in text, and fails on suspicious when asked', async () => {
    const kit = scenarios.find((s) => s.name === 'paint-kit')!;
    const text = await cli(['diff', `paint-kit@${kit.from}`, `paint-kit@${kit.to}`]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/paint-kit 5\.6\.0 → 5\.6\.1\s+malicious/i);
    expect(text.stdout).toContain('wallet-provider-hook');
    expect(text.stdout).not.toContain('\u001b['); // no colour when stdout is not a terminal

    const log = scenarios.find((s) => s.name === 'log-lite')!;
    const strict = await cli(['diff', `log-lite@${log.from}`, `log-lite@${log.to}`, '--fail-on', 'suspicious', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as DiffDoc).reasons.join(' ')).toMatch(/provenance/);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', async () => {
    const net = scenarios.find((s) => s.name === 'net-helper')!;
    const r = await cli(['diff', `net-helper@${net.from}`, `net-helper@${net.to}`, '--format', 'sarif']);
    expect(r.code).toBe(1);
    expect(sarifErrors(JSON.parse(r.stdout))).toBeNull();
  });

  it('reads the source repository and workflow from the attestation bundles, and flags a release built elsewhere', async () => {
    const source = (repository: string) => ({ repository, workflow: '.github/workflows/release.yml' });
    const owner = { name: 'widget-owner', email: 'owner@widget.example.test' };
    const release = (version: string, time: string, repository: string) => ({
      name: 'cw-widget',
      version,
      time,
      publisher: owner,
      maintainers: [owner],
      attestations: source(repository),
      files: { 'index.js': `module.exports = '${version}';\n` },
    });
    const local = await startRegistry(
      packPackages([
        release('1.0.0', new Date(Date.now() - 60 * DAY).toISOString(), 'https://git.example.test/acme/widget'),
        release('1.0.1', new Date(Date.now() - 30 * DAY).toISOString(), 'https://git.example.test/acme/widget'),
        release('1.0.2', new Date(Date.now() - 1 * DAY).toISOString(), 'https://git.example.test/someone-else/widget-fork'),
      ]),
    );
    try {
      const npmrc = join(scratch, 'widget.npmrc');
      writeFileSync(npmrc, `registry=${local.url}\n`);
      const run = (from: string, to: string) => runCli(['diff', `cw-widget@${from}`, `cw-widget@${to}`, '--format', 'json'], { cwd: scratch, home: scratch, env: { npm_config_userconfig: npmrc, npm_config_cache: join(scratch, 'widget-cache') } });
      const same = JSON.parse((await run('1.0.0', '1.0.1')).stdout) as DiffDoc & { metadata: { provenance: { to: { sourceRepository?: string } } } };
      expect(same.verdict).toBe('clean');
      expect(same.metadata.provenance.to.sourceRepository).toBe('https://git.example.test/acme/widget');
      const moved = JSON.parse((await run('1.0.1', '1.0.2')).stdout) as DiffDoc;
      expect(moved.verdict).toBe('suspicious');
      expect(moved.reasons).toContain('provenance names another source: https://git.example.test/acme/widget .github/workflows/release.yml -> https://git.example.test/someone-else/widget-fork .github/workflows/release.yml');
      const bundleRequests = () => local.log.filter((r) => r.path === '/-/npm/v1/attestations/cw-widget@1.0.2').length;
      expect(bundleRequests()).toBe(1);
      // A published version's bundle never changes: the second diff takes it from npm's cache.
      expect((JSON.parse((await run('1.0.1', '1.0.2')).stdout) as DiffDoc).verdict).toBe('suspicious');
      expect(bundleRequests()).toBe(1);
    } finally {
      await local.close();
    }
  });

  it('compares a .tgz with a directory, offline', async () => {
    const packed = packPackages([
      { name: 'local-pkg', version: '1.0.0', files: { 'index.js': 'module.exports = 1;\n' } },
      { name: 'local-pkg', version: '1.0.1', files: { 'index.js': 'module.exports = 2;\n', 'lib/extra.js': 'module.exports = 3;\n' } },
    ]);
    const tgz = join(scratch, 'local-pkg-1.0.0.tgz');
    writeFileSync(tgz, packed.get('local-pkg@1.0.0')!.tgz);
    const dir = join(scratch, 'local-new');
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'local-pkg', version: '1.0.1' }));
    writeFileSync(join(dir, 'index.js'), 'module.exports = 2;\n');
    writeFileSync(join(dir, 'lib/extra.js'), 'module.exports = 3;\n');
    const r = await cli(['diff', tgz, dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as DiffDoc;
    expect(doc).toMatchObject({ name: 'local-pkg', from: '1.0.0', to: '1.0.1', verdict: 'clean' });
    expect(doc.files.added).toEqual(['lib/extra.js']);
    expect(doc.files.changed).toEqual(expect.arrayContaining(['index.js']));
  });

  it('gives a one-line error and exit 2 for a version the registry does not have, and for a target that is nothing', async () => {
    const missing = await cli(['diff', 'tidy-strings@1.0.0', 'tidy-strings@9.9.9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/tidy-strings@9\.9\.9.*not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    const nothing = await cli(['diff', './no/such/dir', 'tidy-strings@1.0.0']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/no such directory or \.tgz file/);
  });
});

interface VerifyDoc {
  lockfile: string | null;
  results: { name: string; version: string; predecessor?: string; skipped?: string; error?: string; diff?: DiffDoc }[];
  summary: { checked: number; malicious: number; suspicious: number; clean: number; skipped: number; errors: number };
}

describe('chainwatch verify', () => {
  it('compares a version with its predecessor and gives the verdict', async () => {
    const kit = scenarios.find((s) => s.name === 'paint-kit')!;
    const r = await cli(['verify', `paint-kit@${kit.to}`, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as VerifyDoc;
    expect(validateVerify(doc), JSON.stringify(validateVerify.errors)).toBe(true);
    expect(doc.results).toHaveLength(1);
    expect(doc.results[0]).toMatchObject({ name: 'paint-kit', version: kit.to, predecessor: kit.from, diff: { verdict: 'malicious' } });
  });

  it('reports a first release as skipped, not as a failure', async () => {
    const r = await cli(['verify', 'lodahs@1.0.0', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as VerifyDoc).results[0]).toMatchObject({ name: 'lodahs', version: '1.0.0', skipped: 'first-release' });
  });

  it('verifies every young release a lockfile pins, and only those', async () => {
    const project = join(scratch, 'project');
    mkdirSync(project, { recursive: true });
    const pins: Record<string, string> = { 'tidy-strings': '1.0.1', 'paint-kit': '5.6.1', 'log-lite': '3.1.1', 'fmt-tools': '1.4.1', lodahs: '1.0.0', lodash: '4.17.21' };
    const packages: Record<string, unknown> = { '': { name: 'project', version: '1.0.0', dependencies: Object.fromEntries(Object.keys(pins).map((n) => [n, pins[n]])) } };
    for (const [name, version] of Object.entries(pins)) packages[`node_modules/${name}`] = { version, resolved: `${registry.url}${name}/-/${name}-${version}.tgz` };
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', dependencies: pins }));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'project', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));

    const r = await cli(['verify', '--lockfile', '--format', 'json'], { cwd: project });
    const doc = JSON.parse(r.stdout) as VerifyDoc;
    expect(validateVerify(doc), JSON.stringify(validateVerify.errors)).toBe(true);
    expect(r.code).toBe(1); // paint-kit 5.6.1 is malicious
    const byName = Object.fromEntries(doc.results.map((x) => [x.name, x]));
    // lodash 4.17.21 (years old) is not verified; lodahs has no predecessor.
    expect(Object.keys(byName).sort()).toEqual(['fmt-tools', 'lodahs', 'log-lite', 'paint-kit', 'tidy-strings']);
    expect(byName['paint-kit']!.diff!.verdict).toBe('malicious');
    expect(byName['tidy-strings']!.diff!.verdict).toBe('clean');
    expect(byName['log-lite']!.diff!.verdict).toBe('suspicious');
    expect(byName['fmt-tools']!.diff!.verdict).toBe('suspicious');
    expect(byName['lodahs']!.skipped).toBe('first-release');
    expect(doc.summary).toMatchObject({ checked: 4, malicious: 1, suspicious: 2, clean: 1, skipped: 1, errors: 0 });

    // A --max-age shorter than the youngest pinned release's age: nothing is young enough.
    const times = scenarios.flatMap((s) => [...s.versions, ...s.others]).filter((p) => pins[p.name] === p.version).map((p) => Date.parse(p.time!));
    const youngestDays = (now.getTime() - Math.max(...times)) / 86_400_000;
    const narrow = await cli(['verify', '--lockfile', 'package-lock.json', '--max-age', String(youngestDays / 2), '--format', 'json'], { cwd: project });
    expect((JSON.parse(narrow.stdout) as VerifyDoc).results).toEqual([]);
    expect(narrow.code).toBe(0);
  });

  it('refuses a call with neither a spec nor --lockfile', async () => {
    const r = await cli(['verify']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/verify needs a name@version or --lockfile/);
  });
});
