import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdvisoryIndex, type Advisory } from '../advisories/index.js';
import { DEFAULT_POLICY } from '../gate/index.js';
import { fix, type FixOptions } from './fix.js';
import type { RelockCommand } from './fix-relock.js';
import { CW_BAD_MALWARE } from '../remediation/test-support/advisories.js';

const malware: Advisory = CW_BAD_MALWARE;

const manifest = '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {\n    "cw-parent": "^1.0.0"\n  }\n}\n';

/** An npm v3 lockfile: the root depends on cw-parent, which brings cw-bad at `bad`. */
function lockfile(bad: string): string {
  const pkg = (name: string, version: string, extra = {}) => ({ version, resolved: `https://registry.example.test/${name}/-/${name}-${version}.tgz`, integrity: 'sha512-AAAA', ...extra });
  return JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { 'cw-parent': '^1.0.0' } },
        'node_modules/cw-parent': pkg('cw-parent', '1.0.0', { dependencies: { 'cw-bad': '^1.0.0' } }),
        'node_modules/cw-bad': pkg('cw-bad', bad),
      },
    },
    null,
    2,
  ) + '\n';
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainwatch-fix-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function project(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(root, f), text);
  return root;
}

const options = (over: Partial<FixOptions> = {}): FixOptions => ({
  paths: ['.'],
  cwd: dir,
  env: {},
  indexes: [createAdvisoryIndex([malware])],
  policy: DEFAULT_POLICY,
  offline: true,
  dryRun: false,
  relock: false,
  ...over,
});

const read = (root: string, f: string) => readFileSync(join(root, f), 'utf8');

describe('fix (offline, npm)', () => {
  it('plans the override from the advisory data and writes it, the lockfile left to --relock', async () => {
    const root = project('a', { 'package.json': manifest, 'package-lock.json': lockfile('1.0.1') });
    const result = await fix(options());
    expect(result.projects[0]!.fixes).toEqual([
      { name: 'cw-bad', from: ['1.0.1'], ids: ['MAL-TEST-0001'], severity: 'critical', kind: 'malicious', to: '1.0.0', inRange: true, changes: ['override'], versions: 'offline', note: null },
    ]);
    expect(result.projects[0]!.written).toBe(true);
    expect(result.summary).toEqual({ projects: 1, hits: 1, planned: 1, unfixable: 0, filesChanged: 1, remaining: null });
    expect(read(root, 'package.json')).toBe(manifest.replace(/\n}\n$/, ',\n  "overrides": {\n    "cw-bad": "1.0.0"\n  }\n}\n'));
    expect(read(root, 'package-lock.json')).toBe(lockfile('1.0.1'));
    // A second run finds the same hit (the lockfile is unchanged) but nothing left to write.
    const again = await fix(options());
    expect(again.projects[0]!.files).toEqual([]);
    expect(again.projects[0]!.written).toBe(false);
  });

  it('--dry-run returns the unified diff and writes nothing', async () => {
    const root = project('a', { 'package.json': manifest, 'package-lock.json': lockfile('1.0.1') });
    const result = await fix(options({ dryRun: true }));
    const [file] = result.projects[0]!.files;
    expect(file!.path).toBe('a/package.json');
    expect(file!.diff).toBe(
      [
        '--- a/a/package.json',
        '+++ b/a/package.json',
        '@@ -3,5 +3,8 @@',
        '   "version": "1.0.0",',
        '   "dependencies": {',
        '     "cw-parent": "^1.0.0"',
        '+  },',
        '+  "overrides": {',
        '+    "cw-bad": "1.0.0"',
        '   }',
        ' }',
        '',
      ].join('\n'),
    );
    expect(read(root, 'package.json')).toBe(manifest);
  });

  it('relocks with the package manager (scripts off) and reports what the lockfile still has', async () => {
    const root = project('a', { 'package.json': manifest, 'package-lock.json': lockfile('1.0.1') });
    const ran: RelockCommand[] = [];
    const runCommand = async (cmd: RelockCommand, cwd: string) => {
      ran.push(cmd);
      expect(cwd).toBe(root);
      writeFileSync(join(root, 'package-lock.json'), lockfile('1.0.0'));
      return { code: 0, output: '' };
    };
    const progress: string[] = [];
    const result = await fix(options({ relock: true, runCommand, onProgress: (m) => progress.push(m) }));
    expect(progress).toEqual(ran.map((c) => `a: ${[c.file, ...c.args].join(' ')}`));
    expect(ran.map((c) => [c.file, ...c.args].join(' '))).toEqual([
      'npm install --package-lock-only --ignore-scripts --no-audit --no-fund',
      'npm update cw-bad --package-lock-only --ignore-scripts --no-audit --no-fund',
    ]);
    expect(ran.every((c) => c.env['npm_config_ignore_scripts'] === 'true')).toBe(true);
    expect(result.projects[0]!.relock).toMatchObject({ exitCode: 0, output: null, remaining: [] });
    expect(result.summary.remaining).toBe(0);

    const stuck = await fix(options({ relock: true, runCommand: async () => ({ code: 1, output: 'npm error E404' }) }));
    // The lockfile is clean now: nothing to fix, so nothing runs.
    expect(stuck.projects[0]!.relock).toBeNull();
  });

  it('knows no fix when no clean version is known', async () => {
    const everything: Advisory = { ...malware, affected: [{ name: 'cw-bad', ranges: [{ events: [{ introduced: '0' }] }] }] };
    project('a', { 'package.json': manifest, 'package-lock.json': lockfile('1.0.1') });
    const result = await fix(options({ indexes: [createAdvisoryIndex([everything])] }));
    expect(result.projects[0]!.fixes[0]).toMatchObject({ to: null, changes: [] });
    expect(result.summary.unfixable).toBe(1);
  });

  it('checks every project before writing any: a malformed package.json elsewhere leaves all files as they were', async () => {
    const good = project('a', { 'package.json': manifest, 'package-lock.json': lockfile('1.0.1') });
    const bad = project('b', { 'package.json': '{ "name": ', 'package-lock.json': lockfile('1.0.1') });
    await expect(fix(options())).rejects.toThrow(/^b\/package\.json: not valid JSON .*; nothing was changed$/);
    expect(read(good, 'package.json')).toBe(manifest);
    expect(read(bad, 'package.json')).toBe('{ "name": ');
  });

  it('refuses a read-only package.json before writing anything', async () => {
    const root = project('a', { 'package.json': manifest, 'package-lock.json': lockfile('1.0.1') });
    chmodSync(join(root, 'package.json'), 0o444);
    await expect(fix(options())).rejects.toThrow('a/package.json: cannot write it (read-only); nothing was changed');
    expect(read(root, 'package.json')).toBe(manifest);
  });
});
