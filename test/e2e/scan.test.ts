import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `chainwatch scan` as a user runs it: the built CLI, a real OSV database built by `db update`
// from records written here, and the example project (a real npm 11 lockfile).
const repo = resolve(__dirname, '../..');
const bin = join(repo, 'dist/bundle/main.js');
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-scan-e2e-'));
const db = join(scratch, 'advisories.db');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: scratch, XDG_CACHE_HOME: join(scratch, 'cache'), ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const osvRecords = [
  {
    id: 'MAL-2099-0001',
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    summary: 'Malicious code in color-name (npm)',
    details: 'A test record: this version is treated as malware.',
    affected: [{ package: { ecosystem: 'npm', name: 'color-name' }, versions: ['1.1.4'] }],
    references: [{ type: 'REPORT', url: 'https://example.test/mal-2099-0001' }],
  },
  {
    id: 'MAL-2099-0002',
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    summary: 'Malicious code in cw-fixture-bad (npm)',
    affected: [{ package: { ecosystem: 'npm', name: 'cw-fixture-bad' }, versions: ['1.0.1'] }],
  },
  {
    id: 'GHSA-test-0000-0001',
    aliases: ['CVE-2099-0001'],
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    summary: 'Regular expression denial of service in ms',
    affected: [{ package: { ecosystem: 'npm', name: 'ms' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.1.3' }] }] }],
    database_specific: { severity: 'MODERATE' },
    references: [{ type: 'ADVISORY', url: 'https://example.test/GHSA-test-0000-0001' }],
  },
];

beforeAll(() => {
  const dir = join(scratch, 'osv');
  mkdirSync(dir);
  for (const r of osvRecords) writeFileSync(join(dir, `${r.id}.json`), JSON.stringify(r));
  const update = cli(['db', 'update', '--source', dir, '--db', db]);
  expect(update.code, update.stderr).toBe(0);
});

const ajv = new Ajv({ allErrors: true });
const scanSchema = JSON.parse(readFileSync(join(repo, 'docs/schemas/scan.schema.json'), 'utf8'));

describe('chainwatch scan', () => {
  it('finds a malicious transitive package and a vulnerable one, with paths and fixes', () => {
    const r = cli(['scan', 'examples/demo', '--db', db, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(ajv.validate(scanSchema, doc), ajv.errorsText()).toBe(true);
    const [project] = doc.projects;
    expect(project).toMatchObject({ path: 'examples/demo', lockfile: 'examples/demo/package-lock.json' });
    const byName = Object.fromEntries(project.findings.map((f: { name: string }) => [f.name, f]));
    expect(byName['color-name']).toMatchObject({
      version: '1.1.4',
      ids: ['MAL-2099-0001'],
      kind: 'malicious',
      severity: 'critical',
      direct: false,
      devOnly: false,
      importers: [''],
      paths: [['root', 'chalk@4.1.2', 'ansi-styles@4.3.0', 'color-convert@2.0.1', 'color-name@1.1.4']],
      location: { file: 'examples/demo/package-lock.json', line: expect.any(Number) },
    });
    // debug 4.3.4 pins ms 2.1.2; the root's own ms 2.1.3 is the fixed version, outside debug's range.
    expect(byName['ms']).toMatchObject({
      version: '2.1.2',
      ids: ['GHSA-test-0000-0001', 'CVE-2099-0001'],
      kind: 'vulnerable',
      severity: 'medium',
      paths: [['root', 'debug@4.3.4', 'ms@2.1.2']],
      fix: { version: '2.1.3', inRange: false },
    });
    expect(doc.summary).toMatchObject({ projects: 1, malicious: 1, vulnerable: 1, errors: 0 });
    expect(doc.advisoryData.osv).toMatchObject({ records: 3 });
  });

  it('finds the curated incidents in the example project (the README\'s first command)', () => {
    const r = cli(['scan', 'examples/compromised', '--db', join(scratch, 'none.db'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).projects[0].findings;
    expect(findings.map((f: { name: string; version: string; ids: string[]; direct: boolean; devOnly: boolean }) => [`${f.name}@${f.version}`, f.ids[0], f.direct, f.devOnly])).toEqual([
      ['@solana/web3.js@1.95.7', 'solana-web3js-2024-12-03', true, false],
      ['chalk@5.6.1', 'qix-chalk-debug-2025-09-08', false, false],
      ['debug@4.4.2', 'qix-chalk-debug-2025-09-08', false, true],
    ]);
    expect(findings[0].fix).toEqual({ version: '1.95.8', inRange: true });
    expect(findings[1].paths).toEqual([['root', '@demo/pretty-log@1.0.0', 'chalk@5.6.1']]);
  });

  it('sets the exit code by --fail-on', () => {
    expect(cli(['scan', 'examples/demo', '--db', db, '--fail-on', 'none']).code).toBe(0);
    expect(cli(['scan', 'examples/demo', '--db', db, '--fail-on', 'critical']).code).toBe(1);
    expect(cli(['scan', 'examples/demo', '--db', db, '--fail-on', 'low']).code).toBe(1);
    expect(cli(['scan', 'examples/demo', '--db', db, '--fail-on', 'bogus']).code).toBe(2);
  });

  it('works from the curated incidents alone and says OSV data is absent', () => {
    const r = cli(['scan', 'examples/demo', '--db', join(scratch, 'none.db')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/OSV/);
    expect(r.stdout).toContain('chainwatch db update');
  });

  it('writes SARIF with the lockfile line and markdown for a PR comment', () => {
    const sarif = JSON.parse(cli(['scan', 'examples/demo', '--db', db, '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'MAL-2099-0001');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('examples/demo/package-lock.json');
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    const md = cli(['scan', 'examples/demo', '--db', db, '--format', 'markdown']).stdout;
    expect(md).toContain('color-name');
    expect(md).toContain('|');
  });

  it('shows every path with --all-paths', () => {
    const r = cli(['scan', 'examples/demo', '--db', db, '--format', 'json', '--all-paths']);
    const ms = JSON.parse(r.stdout).projects[0].findings.find((f: { name: string }) => f.name === 'ms');
    expect(ms.paths.length).toBeGreaterThanOrEqual(1);
  });

  it('reports a broken lockfile among good ones and still scans the rest', () => {
    const root = join(scratch, 'disk');
    cpSync(join(repo, 'examples/demo'), join(root, 'good'), { recursive: true });
    mkdirSync(join(root, 'broken'), { recursive: true });
    writeFileSync(join(root, 'broken/package-lock.json'), '{"lockfileVersion": 3, "packages": {');
    const r = cli(['scan', root, '--db', db, '--format', 'json']);
    expect(r.code).toBe(1); // findings outrank the broken file
    const doc = JSON.parse(r.stdout);
    expect(doc.projects).toHaveLength(2);
    expect(doc.projects.find((p: { error: unknown }) => p.error).error.code).toBe('ERR_PARSE');
    expect(r.stderr).toMatch(/broken\/package-lock\.json/);
    expect(cli(['scan', join(root, 'broken'), '--db', db]).code).toBe(2);
  });

  it('tells how to rebuild a corrupted database', () => {
    const bad = join(scratch, 'corrupt.db');
    writeFileSync(bad, 'this is not sqlite at all, just text that is long enough to look like a header');
    const r = cli(['scan', 'examples/demo', '--db', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corrupt\.db/);
    expect(r.stderr).toMatch(/db update/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('finds a bad version in the npm cache that real npm 11 filled (--caches)', () => {
    // The cache fixture is what npm 11 left in its home folder after installing cw-fixture-bad@1.0.1
    // from a local registry (src/caches/fixtures, scripts/fixtures/gen-caches.mjs).
    const home = join(scratch, 'home-with-cache');
    cpSync(join(repo, 'src/caches/fixtures/generated/npm-11.19.1/home'), home, { recursive: true });
    const env = { HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local/share') };
    const r = cli(['scan', 'examples/demo', '--db', db, '--caches', '--format', 'json', '--fail-on', 'none'], { env });
    expect(r.code, r.stderr).toBe(0);
    const [hit, ...rest] = JSON.parse(r.stdout).caches;
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ name: 'cw-fixture-bad', version: '1.0.1', ids: ['MAL-2099-0002'], cache: 'npm', severity: 'critical' });
    expect(Date.parse(hit.fetchedAt)).not.toBeNaN();
    expect(cli(['scan', 'examples/demo', '--db', db, '--caches'], { env }).code).toBe(1);
    // Without --caches nothing is read there.
    expect(JSON.parse(cli(['scan', 'examples/demo', '--db', db, '--format', 'json'], { env }).stdout).caches).toEqual([]);
  });

  it('runs the detection engine over installed packages with --deep', () => {
    const project = join(scratch, 'deep');
    cpSync(join(repo, 'examples/demo'), project, { recursive: true });
    const nm = join(project, 'node_modules');
    cpSync(join(repo, 'node_modules/commander'), join(nm, 'commander'), { recursive: true });
    // An inert imitation of the chalk/debug payload, installed where a real package would be.
    cpSync(join(repo, 'src/analysis/fixtures/incidents/qix-chalk-debug-2025-09-08'), join(nm, 'chalk'), { recursive: true });
    const r = cli(['scan', project, '--db', join(scratch, 'none.db'), '--deep', '--format', 'json', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(ajv.validate(scanSchema, doc), ajv.errorsText()).toBe(true);
    const code = doc.projects[0].code;
    expect(code.inspected).toBe(2);
    expect(code.packages).toEqual([expect.objectContaining({ verdict: 'malicious', path: expect.stringMatching(/node_modules\/chalk$/) })]);
    // A package the engine judges malicious fails the scan at any threshold but none.
    expect(cli(['scan', project, '--db', join(scratch, 'none.db'), '--deep', '--fail-on', 'critical']).code).toBe(1);
    // Without --deep, node_modules is not looked at.
    expect(JSON.parse(cli(['scan', project, '--db', join(scratch, 'none.db'), '--format', 'json']).stdout).projects[0].code).toBeNull();
  });

  it('refuses a format the command does not have', () => {
    const r = cli(['inventory', 'examples/demo', '--format', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not available for `inventory`/);
  });
});
