import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_MALWARE_OSV, gateFixturePackages } from '../../src/gate/test-support/fixture-packages.js';
import { packPackages, startRegistry, type TestRegistry } from '../../src/registry/test-support/registry-server.js';
import { runCli } from './support/run-cli.js';

// `chainwatch policy check` and `chainwatch proxy` as a user runs them: the built CLI against a
// registry on 127.0.0.1, with an advisory database made by `chainwatch db update` from an OSV record.
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-policy-e2e-'));
const packed = packPackages(gateFixturePackages());
let registry: TestRegistry;
let env: Record<string, string>;
const db = join(scratch, 'advisories.db');
const project = join(scratch, 'project');

beforeAll(async () => {
  registry = await startRegistry(packed);
  const npmrc = join(scratch, 'registry.npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n`);
  env = { npm_config_userconfig: npmrc, npm_config_cache: join(scratch, 'npm-cache') };
  const osv = join(scratch, 'osv.json');
  writeFileSync(osv, JSON.stringify(FIXTURE_MALWARE_OSV));
  expect((await cli(['db', 'update', '--source', osv, '--db', db])).code).toBe(0);
  mkdirSync(project);
  const pins = { 'cw-dep': '1.1.0', 'cw-bad': '1.0.1', 'cw-scripts': '1.0.0', 'cw-gone': '2.0.0' };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: pins }));
  const lock = {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: pins },
      ...Object.fromEntries(Object.entries(pins).map(([name, version]) => [`node_modules/${name}`, { version, resolved: `${registry.url}${name}/-/${name}-${version}.tgz`, integrity: 'sha512-AAAA' }])),
    },
  };
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock, null, 2));
});
afterAll(async () => {
  await registry?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const cli = (args: string[], opts: { cwd?: string; until?: (stderr: string) => boolean } = {}) => runCli(args, { cwd: opts.cwd ?? scratch, home: scratch, env, ...(opts.until ? { until: opts.until } : {}) });

describe('chainwatch policy check', () => {
  it('lists every pin the gate would block today, with the rule, and exits 1', async () => {
    const r = await cli(['policy', 'check', '--db', db], { cwd: project });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('would block cw-bad@1.0.1: advisory: known malicious: MAL-TEST-0001');
    expect(r.stdout).toMatch(/would block cw-dep@1\.1\.0: release-age: published (59 minutes|1 hour) ago, under the 3 days cooldown/);
    expect(r.stdout).toContain('would block cw-scripts@1.0.0: install-scripts: runs postinstall');
    expect(r.stdout).toContain('would block cw-gone@2.0.0: unpublished: the package is no longer on the registry (unpublished)');
    expect(r.stdout).toContain('4 registry packages checked; 4 would be blocked');
  });

  it('follows the policy in chainwatch.config.json, and prints JSON', async () => {
    writeFileSync(join(project, 'chainwatch.config.json'), JSON.stringify({ policy: { minimumReleaseAge: '30m', installScripts: { allow: ['cw-scripts'] } } }));
    try {
      const r = await cli(['policy', 'check', '--db', db, '--format', 'json'], { cwd: project });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout) as { results: { name: string; action: string; reasons: { rule: string }[] }[]; summary: unknown };
      expect(doc.results.map((x) => [x.name, x.action, x.reasons.map((y) => y.rule)])).toEqual([
        ['cw-bad', 'block', ['advisory']],
        ['cw-gone', 'block', ['unpublished']],
      ]);
      expect(doc.summary).toEqual({ blocked: 2, warned: 0, errors: 0 });
    } finally {
      rmSync(join(project, 'chainwatch.config.json'));
    }
  });

  it('still checks the advisory data when the registry cannot be asked, and lists the error', async () => {
    const r = await runCli(['policy', 'check', '--db', db, '--format', 'json'], {
      cwd: project,
      home: scratch,
      env: { ...env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' },
    });
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { results: { name: string; action: string; reasons: { message: string }[]; error?: string }[]; summary: { errors: number } };
    const bad = doc.results.find((x) => x.name === 'cw-bad')!;
    expect(bad.action).toBe('block');
    expect(bad.reasons.map((x) => x.message)).toEqual(['known malicious: MAL-TEST-0001 test malware']);
    expect(bad.error).toMatch(/cannot fetch http:\/\/127\.0\.0\.1:9\/cw-bad/);
    expect(doc.summary.errors).toBe(4);
  });

  it('rejects a bad policy with a one-line error naming the file and key', async () => {
    writeFileSync(join(project, 'chainwatch.config.json'), JSON.stringify({ policy: { minimumReleaseAge: '3x' } }));
    try {
      const r = await cli(['policy', 'check'], { cwd: project });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^chainwatch: error: .*chainwatch\.config\.json: policy\.minimumReleaseAge: /);
    } finally {
      rmSync(join(project, 'chainwatch.config.json'));
    }
  });
});

describe('chainwatch proxy', () => {
  it('serves the gate until SIGTERM, answers /healthz, and prints what it blocked', async () => {
    let port = 0;
    const checks: Promise<void>[] = [];
    const r = await cli(['proxy', '--port', '0', '--db', db], {
      until: (stderr) => {
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
        if (m && port === 0) {
          port = Number(m[1]);
          checks.push(
            (async () => {
              expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok', upstream: registry.url });
              expect((await fetch(`http://127.0.0.1:${port}/cw-bad/-/cw-bad-1.0.1.tgz`)).status).toBe(403);
              const doc = (await (await fetch(`http://127.0.0.1:${port}/cw-dep`)).json()) as { versions: object };
              expect(Object.keys(doc.versions)).toEqual(['1.0.0']);
            })(),
          );
          return false;
        }
        return /hidden cw-dep/.test(stderr);
      },
    });
    await Promise.all(checks);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('refused cw-bad@1.0.1: advisory: known malicious: MAL-TEST-0001');
    expect(r.stderr).toContain('chainwatch proxy: 2 packages looked up; 2 versions of 2 packages hidden, 1 download refused');
  });
});
