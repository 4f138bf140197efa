import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_MALWARE_OSV, gateFixturePackages } from '../../src/gate/test-support/fixture-packages.js';
import { packPackages, startRegistry, type TestRegistry } from '../../src/registry/test-support/registry-server.js';
import {
  addArgs,
  chainwatchBin,
  client,
  CLIENTS,
  createSandbox,
  frozenInstallArgs,
  guarded,
  installedVersion,
  LOCKFILES,
  lockedVersions,
  run,
  startTrap,
  userFiles,
  type ClientName,
  type Run,
  type Sandbox,
  type SandboxOptions,
  type Trap,
} from './support/clients.js';

// `chainwatch guard` with the real npm, pnpm, yarn (berry) and bun clients pinned in devDependencies,
// against a fixture registry on 127.0.0.1 that stands for the upstream. Each client runs offline
// in a sandbox of its own (see support/clients.ts), one at a time: they are heavy for a shared machine.
const TOKEN = 'cw-e2e-secret-token-3f9a';
const packages = packPackages(gateFixturePackages());

// The project's policy: a 3-day cooldown, install scripts only for the packages listed.
const policy = (allowScripts: string[] = []) =>
  JSON.stringify({ policy: { minimumReleaseAge: '3d', installScripts: { action: 'block', allow: allowScripts } } }, null, 2) + '\n';
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-guard-e2e-'));
let registry: TestRegistry;
let trap: Trap;

beforeAll(async () => {
  registry = await startRegistry(packages, { tokens: { '@private/pkg': TOKEN } });
  trap = await startTrap();
});
afterAll(async () => {
  await registry?.close();
  await trap?.close();
  rmSync(scratch, { recursive: true, force: true });
});
// No client may reach for the internet, in any test.
afterEach(() => expect(trap.hits.splice(0)).toEqual([]));

let n = 0;
function sandbox(name: ClientName, files: SandboxOptions['files'] = {}, npmrc = false, token: string | undefined = TOKEN): Sandbox {
  const root = join(scratch, `${name}-${++n}`);
  mkdirSync(root);
  return createSandbox(name, root, { registry: registry.url, token, trap: trap.url, files, npmrc });
}

/** The registry's log lines for one package's packument and tarballs, since `from`. */
const requestsFor = (name: string, from: number) => registry.log.slice(from).filter((r) => r.path === `/${name}` || r.path.startsWith(`/${name}/-/`));

describe('the fixture registry', () => {
  it('serves @private/pkg only with its token, by either spelling of a scoped name', async () => {
    for (const path of ['@private%2fpkg', '@private%2Fpkg', '@private/pkg']) {
      expect((await fetch(`${registry.url}${path}`)).status).toBe(401);
      const ok = await fetch(`${registry.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { 'dist-tags': unknown })['dist-tags']).toEqual({ latest: '1.0.0' });
    }
    expect((await fetch(`${registry.url}@private/pkg/-/pkg-1.0.0.tgz`)).status).toBe(401);
    expect((await fetch(`${registry.url}@private/pkg/-/pkg-1.0.0.tgz`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${registry.url}cw-dep`)).status).toBe(200);
  });
});

describe.each(CLIENTS)('%s straight to the registry (no gate)', (name) => {
  it('cannot reach past 127.0.0.1: a registry elsewhere ends at the trap', { timeout: 60_000 }, async () => {
    const s = sandbox(name);
    const elsewhere = 'https://registry.example.test/';
    s.env[{ npm: 'npm_config_registry', pnpm: 'npm_config_registry', yarn: 'YARN_NPM_REGISTRY_SERVER', bun: 'BUN_CONFIG_REGISTRY' }[name]] = elsewhere;
    const r = await client(s, addArgs(name, ['cw-dep@^1.0.0']));
    expect(r.code, r.output).not.toBe(0);
    expect(trap.hits.splice(0)).toContain('registry.example.test:443');
  });

  it('installs the newest cw-dep and the private package with its token, offline', { timeout: 60_000 }, async () => {
    const s = sandbox(name, { 'chainwatch.config.json': policy() });
    const from = registry.log.length;
    const before = userFiles(s);
    const r = await client(s, addArgs(name, ['cw-dep@^1.0.0', '@private/pkg']));
    expect(r.code, r.output).toBe(0);
    // The client alone leaves the user's files alone, so the same check holds the gate to it.
    expect(userFiles(s)).toEqual(before);
    const config = { npm: ['.npmrc'], pnpm: ['.npmrc'], yarn: ['.yarnrc.yml'], bun: ['.npmrc', 'bunfig.toml'] }[name];
    expect(Object.keys(before).sort()).toEqual(['chainwatch.config.json', ...config].sort());
    expect(lockedVersions(s)).toMatchObject({ 'cw-dep': '1.1.0', '@private/pkg': '1.0.0' });
    expect(installedVersion(s, 'cw-dep')).toBe('1.1.0');
    expect(installedVersion(s, '@private/pkg')).toBe('1.0.0');
    const priv = requestsFor('@private/pkg', from);
    expect(priv.length).toBeGreaterThan(0);
    expect(priv.every((req) => req.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the gate

let db: string;

/**
 * `chainwatch guard --db <db> --log <file> -- <client> <args>` in the sandbox, checking on the way
 * that the run left the user's own files (.npmrc, .yarnrc.yml, bunfig.toml, chainwatch.config.json) as they were.
 */
async function guard(s: Sandbox, args: string[]): Promise<Run & { log: string }> {
  const log = join(s.dir, '..', 'guard.jsonl');
  const before = userFiles(s);
  const r = await guarded(s, ['--db', db, '--log', log], args);
  expect(userFiles(s), 'the user files after the run').toEqual(before);
  return { ...r, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

/**
 * A project with the policy above. The yarn project carries an .npmrc too, as a yarn project that
 * also publishes with npm does (the .yarnrc.yml-only case has its own test below).
 */
const project = (name: ClientName, files: SandboxOptions['files'] = {}) => sandbox(name, { 'chainwatch.config.json': policy(), ...files }, true);

/** package.json and the lockfile: what a project commits of an install. */
const projectFiles = (s: Sandbox): Record<string, string> => Object.fromEntries(['package.json', LOCKFILES[s.client]].map((f) => [f, readFileSync(join(s.dir, f), 'utf8')]));

/** A project whose lockfile pins `spec`, installed without the gate in a sandbox of its own (its own cache). */
async function lockedProject(name: ClientName, spec: string): Promise<Record<string, string>> {
  const s = sandbox(name);
  const r = await client(s, addArgs(name, [spec]));
  expect(r.code, r.output).toBe(0);
  return projectFiles(s);
}

describe('chainwatch guard', () => {
  beforeAll(async () => {
    const dir = join(scratch, 'advisories');
    mkdirSync(dir);
    writeFileSync(join(dir, 'osv.json'), JSON.stringify(FIXTURE_MALWARE_OSV));
    db = join(dir, 'advisories.db');
    const r = await run(process.execPath, [chainwatchBin, 'db', 'update', '--source', join(dir, 'osv.json'), '--db', db], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir } });
    expect(r.code, r.output).toBe(0);
  });

  describe.each(CLIENTS)('-- %s', (name) => {
    it('hides a version younger than the cooldown: cw-dep@^1.0.0 resolves 1.0.0, not the hour-old 1.1.0', { timeout: 60_000 }, async () => {
      const s = project(name);
      const r = await guard(s, addArgs(name, ['cw-dep@^1.0.0']));
      expect(r.code, r.output).toBe(0);
      expect(lockedVersions(s)).toMatchObject({ 'cw-dep': '1.0.0' });
      expect(installedVersion(s, 'cw-dep')).toBe('1.0.0');
      expect(r.stderr).toMatch(/cw-dep[@ ]1\.1\.0\b.*(age|cooldown|new)/i);
    });

    it('never installs a known-bad version: cw-bad@^1.0.0 resolves 1.0.0 although 1.0.1 is latest', { timeout: 60_000 }, async () => {
      const s = project(name);
      const r = await guard(s, addArgs(name, ['cw-bad@^1.0.0']));
      expect(r.code, r.output).toBe(0);
      expect(lockedVersions(s)).toMatchObject({ 'cw-bad': '1.0.0' });
      expect(installedVersion(s, 'cw-bad')).toBe('1.0.0');
      expect(r.stderr).toMatch(/cw-bad[@ ]1\.0\.1\b.*(MAL-TEST-0001|malware)/i);
    });

    it('fails a frozen install of a lockfile that pins the known-bad version, naming chainwatch and why', { timeout: 60_000 }, async () => {
      const files = await lockedProject(name, 'cw-bad@1.0.1');
      const s = project(name, files);
      const r = await guard(s, frozenInstallArgs(name));
      expect(r.code, r.output).not.toBe(0);
      // Warned before the client runs (a cached tarball would not reach the gate), refused when it is fetched.
      expect(r.stderr).toMatch(/pins cw-bad@1\.0\.1, known malicious \(MAL-TEST-0001/);
      if (name === 'bun') {
        // bun downloads a pinned tarball from the URL bun.lock records, past the gate: guard does not run it.
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('chainwatch guard: not running bun:');
      } else {
        expect(r.stderr).toContain('refused cw-bad@1.0.1: advisory: known malicious: MAL-TEST-0001');
      }
      expect(installedVersion(s, 'cw-bad')).toBeUndefined();
    });

    it('blocks a package with an unapproved postinstall, and installs it once installScripts.allow lists it', { timeout: 60_000 }, async () => {
      const s = project(name);
      const blocked = await guard(s, addArgs(name, ['cw-scripts']));
      expect(blocked.code, blocked.output).not.toBe(0);
      expect(blocked.output).toMatch(/chainwatch/i);
      expect(blocked.stderr).toMatch(/cw-scripts[@ ](1\.0\.0|every version)\b.*script/i);
      expect(installedVersion(s, 'cw-scripts')).toBeUndefined();

      writeFileSync(join(s.dir, 'chainwatch.config.json'), policy(['cw-scripts']));
      const allowed = await guard(s, addArgs(name, ['cw-scripts']));
      expect(allowed.code, allowed.output).toBe(0);
      expect(installedVersion(s, 'cw-scripts')).toBe('1.0.0');
    });

    it('passes the private package through with the token, which never reaches the log or the output', { timeout: 60_000 }, async () => {
      const s = project(name);
      const from = registry.log.length;
      const r = await guard(s, addArgs(name, ['@private/pkg']));
      expect(r.code, r.output).toBe(0);
      expect(installedVersion(s, '@private/pkg')).toBe('1.0.0');
      const priv = requestsFor('@private/pkg', from);
      expect(priv.some((req) => req.path.endsWith('.tgz') && req.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(r.log, 'the --log file').not.toBe('');
      for (const line of r.log.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
      expect(r.log).not.toContain(TOKEN);
      expect(r.output).not.toContain(TOKEN);
    });

    // npm records `resolved` URLs, and bun the tarball URL of any registry but the public default
    // one: the gate's port would be dead on a teammate's frozen install.
    // From a registry without credentials: bun sends them only to the registry it is pointed at, so
    // for an upstream with credentials it gets the gate's tarball URLs, and its lockfile names the gate.
    it('writes a lockfile that names the upstream, not the gate, so it installs again without the gate', { timeout: 60_000 }, async () => {
      const s = sandbox(name, { 'chainwatch.config.json': policy() }, true, undefined);
      const r = await guard(s, addArgs(name, ['cw-dep@^1.0.0']));
      expect(r.code, r.output).toBe(0);
      // A teammate's checkout: the committed files, a cold cache, no gate.
      const checkout = project(name, projectFiles(s));
      const again = await client(checkout, frozenInstallArgs(name));
      expect(again.code, again.output).toBe(0);
      expect(installedVersion(checkout, 'cw-dep')).toBe('1.0.0');
      // The gate's port is gone once it stops: a lockfile may name no 127.0.0.1 port but the upstream's.
      const ports = [...projectFiles(s)[LOCKFILES[name]]!.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => m[1]);
      expect(new Set(ports)).toEqual(new Set(ports.length ? [new URL(registry.url).port] : []));
    });
  });

  // A yarn 2+ project configured only in .yarnrc.yml (npmRegistryServer, npmRegistries tokens).
  it('takes the upstream and its token from .yarnrc.yml in a yarn project without an .npmrc', { timeout: 60_000 }, async () => {
    const s = sandbox('yarn', { 'chainwatch.config.json': policy() });
    const from = registry.log.length;
    const r = await guard(s, addArgs('yarn', ['cw-dep@^1.0.0', '@private/pkg']));
    expect(r.code, r.output).toBe(0);
    expect(lockedVersions(s)).toMatchObject({ 'cw-dep': '1.0.0', '@private/pkg': '1.0.0' });
    expect(requestsFor('@private/pkg', from).some((req) => req.path.endsWith('.tgz') && req.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(r.log).not.toContain(TOKEN);
  });
});
