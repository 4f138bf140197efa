import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

// The built CLI as a user runs it (npm test builds first): real process, real exit codes.
const repo = resolve(__dirname, '../..');
const bin = join(repo, 'dist/bundle/main.js');
const demo = join(repo, 'examples/demo');
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: scratch, ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const ajv = new Ajv({ allErrors: true });
for (const name of ['inventory.schema.json', 'why.schema.json']) ajv.addSchema(JSON.parse(readFileSync(join(repo, 'docs/schemas', name), 'utf8')), name);
const schema = (name: string) => name;

describe('chainwatch inventory', () => {
  it('lists the example project', () => {
    const r = cli(['inventory', 'examples/demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('examples/demo/package-lock.json');
    expect(r.stdout).toMatch(/npm lockfile v3/);
    expect(r.stdout).toMatch(/1 importer · \d+ packages/);
    expect(r.stdout).not.toContain('\u001b['); // no colour on a pipe
    expect(r.stderr).toBe('');
  });

  it('prints the documented JSON with stable keys', () => {
    const r = cli(['inventory', 'examples/demo', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(ajv.validate(schema('inventory.schema.json'), doc), ajv.errorsText()).toBe(true);
    const [p] = doc.projects;
    expect(p.path).toBe('examples/demo/package-lock.json');
    expect(p.format).toBe('npm/package-lock');
    const debug = p.packages.find((x: { name: string }) => x.name === 'debug');
    expect(debug).toMatchObject({ name: 'debug', version: '4.3.4', direct: true, dev: false });
    expect(debug.locations[0]).toEqual({ file: 'examples/demo/package-lock.json', line: expect.any(Number) });
  });

  it('finds every lockfile under a directory and skips node_modules', () => {
    const root = join(scratch, 'tree');
    cpSync(demo, join(root, 'a'), { recursive: true });
    cpSync(demo, join(root, 'b', 'c'), { recursive: true });
    cpSync(demo, join(root, 'a', 'node_modules', 'x'), { recursive: true });
    const r = cli(['inventory', root, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).projects.map((p: { path: string }) => p.path)).toEqual([
      join(root, 'a/package-lock.json'),
      join(root, 'b/c/package-lock.json'),
    ]);
  });

  it('reads installed trees with --installed: workspace node_modules belong to the root project', () => {
    const r = cli(['inventory', '--installed', 'src/readers/node-modules/fixtures/generated/monorepo-pnpm', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(ajv.validate(schema('inventory.schema.json'), doc), ajv.errorsText()).toBe(true);
    expect(doc.projects).toHaveLength(1);
    expect(doc.projects[0]).toMatchObject({ format: 'fs/node-modules', manager: 'pnpm', diagnostics: [] });
    expect(doc.projects[0].importers.map((i: { path: string }) => i.path).sort()).toEqual(['', 'packages/app', 'packages/lib']);
    expect(doc.projects[0].packages).toHaveLength(23);
  });

  it('does not follow a link out of the tree', () => {
    const root = join(scratch, 'linked');
    mkdirSync(root, { recursive: true });
    symlinkSync(demo, join(root, 'outside'));
    const r = cli(['inventory', root]);
    expect(r.code).toBe(2); // nothing to read is an error, never a silent pass
    expect(r.stdout).toContain('0 projects');
    expect(r.stderr).toContain('no lockfiles found');
    expect(cli(['why', 'debug', root]).code).toBe(2);
  });

  it('honours ignore from chainwatch.config.json and lets --format override it', () => {
    const root = join(scratch, 'configured');
    cpSync(demo, join(root, 'keep'), { recursive: true });
    cpSync(demo, join(root, 'vendor'), { recursive: true });
    writeFileSync(join(root, 'chainwatch.config.json'), JSON.stringify({ format: 'json', ignore: ['vendor'] }));
    const json = cli(['inventory'], { cwd: root });
    expect(JSON.parse(json.stdout).projects.map((p: { path: string }) => p.path)).toEqual(['keep/package-lock.json']);
    expect(cli(['inventory', '--format', 'text'], { cwd: root }).stdout).toContain('keep/package-lock.json  npm lockfile v3');
  });
});

describe('chainwatch why', () => {
  it('shows each path with the declared range at every hop', () => {
    const r = cli(['why', 'ms', 'examples/demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ms@2\.1\.3 .*package-lock\.json:\d+/);
    expect(r.stdout).toContain('small-app › debug@4.3.4 › ms@2.1.2');
    expect(r.stdout).toMatch(/ms@2\.1\.3 .*direct, dev/);
  });

  it('validates against its schema and exits 1 when nothing matches', () => {
    const found = cli(['why', 'debug@^4', 'examples/demo', '--format', 'json']);
    expect(found.code).toBe(0);
    const doc = JSON.parse(found.stdout);
    expect(ajv.validate(schema('why.schema.json'), doc), ajv.errorsText()).toBe(true);
    expect(doc.matches[0].paths[0][0]).toMatchObject({ dependent: 'small-app', name: 'debug', spec: '4.3.4', type: 'prod' });
    const missing = cli(['why', 'left-pad', 'examples/demo']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('left-pad is not in 1 project searched');
    expect(cli(['why', 'debug@>=5', 'examples/demo']).code).toBe(1);
  });

  it('rejects a query that is not a package', () => {
    const r = cli(['why', 'debug@not a range!', 'examples/demo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a version or semver range");
  });
});

describe('errors', () => {
  const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

  it('names a missing path in one line, exit 2', () => {
    const r = cli(['inventory', 'no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('chainwatch: error: no/such/dir: no such file or directory');
    noStack(r.stderr);
  });

  it('names the file and line of a truncated lockfile, and shows the stack only with --debug', () => {
    const dir = project('truncated', { 'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {' });
    const r = cli(['inventory', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^chainwatch: error: ${join(dir, 'package-lock.json')}:\\d+: `));
    noStack(r.stderr);
    expect(cli(['inventory', dir, '--debug']).stderr).toMatch(/\n\s+at /);
  });

  it('reports errors as JSON under --format json', () => {
    const r = cli(['inventory', 'no/such/dir', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'ERR_IO', message: 'no/such/dir: no such file or directory', hint: null } });
  });

  it('tells bun.lockb users what to run', () => {
    const dir = project('bunb', { 'bun.lockb': '#!/usr/bin/env bun\nbun-lockfile-format-v0\n\u0000\u0001' });
    const r = cli(['inventory', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bun install --save-text-lockfile');
  });

  it('reads a 100 MB lockfile', () => {
    const lock = JSON.parse(readFileSync(join(demo, 'package-lock.json'), 'utf8'));
    lock.packages['node_modules/debug'].license = 'x'.repeat(100 * 2 ** 20);
    const dir = project('huge', { 'package-lock.json': JSON.stringify(lock) });
    const r = cli(['inventory', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('13 packages');
  });

  it('refuses a lockfile too large to be text, without crashing', () => {
    const dir = project('sparse', { 'package-lock.json': '' });
    truncateSync(join(dir, 'package-lock.json'), 600 * 2 ** 20); // sparse: no disk used
    const r = cli(['inventory', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('larger than the 512 MiB a lockfile can be');
  });

  it('stops quietly when its reader closes the pipe', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" inventory src/readers/npm-lock --format json | head -c 10`], { cwd: repo, encoding: 'utf8' });
    expect(r.stdout).toBe('{\n  "schem');
    expect(r.stderr).toBe('');
  });

  it('exits 2 on usage errors', () => {
    expect(cli(['inventory', '--format', 'xml']).code).toBe(2);
    expect(cli(['inventory', '--frobnicate']).code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('exits 2 on a broken config file, naming it', () => {
    const dir = project('badconfig', { 'chainwatch.config.json': '{"format":"yaml"}' });
    const r = cli(['inventory'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'chainwatch.config.json')}: format:`);
  });
});

describe('help', () => {
  it.each([[['--help']], [['inventory', '--help']], [['why', '--help']], [['scan', '--help']], [['inspect', '--help']], [['diff', '--help']], [['verify', '--help']], [['db', '--help']], [['guard', '--help']], [['proxy', '--help']], [['policy', 'check', '--help']]])('%j shows examples', (args) => {
    const r = cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('$ chainwatch');
  });
});
