import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isToolError } from '../core/index.js';
import { createContext, type GlobalFlags } from './context.js';
import type { CliIo } from './io.js';

const DAY = 24 * 60 * 60 * 1000;
const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-context-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A directory under the scratch one holding these files (path -> JSON value or raw text). */
function tree(name: string, files: Record<string, unknown>): string {
  const root = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  mkdirSync(root, { recursive: true });
  return root;
}

function context(cwd: string, flags: GlobalFlags = {}) {
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd };
  return createContext(io, flags);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isToolError(error)).toBe(true);
  return (error as Error).message;
}

describe('createContext', () => {
  it('takes the config from the chainwatch field of package.json', async () => {
    const root = tree('manifest', {
      'package.json': { name: 'app', chainwatch: { format: 'json', ignore: ['vendor/old'], policy: { minimumReleaseAge: '1w', malicious: 'block' } } },
    });
    const ctx = await context(root);
    expect(ctx.format).toBe('json');
    expect(ctx.configDir).toBe(root);
    expect(ctx.ignore).toEqual([join(root, 'vendor/old')]);
    expect(ctx.policy.minimumReleaseAgeMs).toBe(7 * DAY);
    expect(ctx.policy.malicious).toBe('block');
    expect(ctx.policy.vulnerabilities).toBe('warn');
  });

  it('prefers chainwatch.config.json to a chainwatch field in the same directory', async () => {
    const root = tree('both', {
      'package.json': { name: 'app', chainwatch: { policy: { minimumReleaseAge: '1w' } } },
      'chainwatch.config.json': { policy: { minimumReleaseAge: '2d' } },
    });
    const ctx = await context(root);
    expect(ctx.policy.minimumReleaseAgeMs).toBe(2 * DAY);
    expect(ctx.configDir).toBe(root);
  });

  it('walks up past a package.json without the field, and takes the nearest directory with a config', async () => {
    const root = tree('walk', {
      'chainwatch.config.json': { policy: { minimumReleaseAge: '2d' } },
      'apps/web/package.json': { name: 'web', chainwatch: { policy: { minimumReleaseAge: '5d' } } },
      'apps/web/src/package.json': { name: 'not-a-package-but-a-manifest' },
      'apps/api/package.json': { name: 'api' },
    });
    const web = await context(join(root, 'apps/web/src'));
    expect(web.configDir).toBe(join(root, 'apps/web'));
    expect(web.policy.minimumReleaseAgeMs).toBe(5 * DAY);
    const api = await context(join(root, 'apps/api'));
    expect(api.configDir).toBe(root);
    expect(api.policy.minimumReleaseAgeMs).toBe(2 * DAY);
  });

  it('fills in the default policy when the config has no policy key', async () => {
    const ctx = await context(tree('nopolicy', { 'package.json': { chainwatch: { format: 'text' } } }));
    expect(ctx.policy).toEqual({
      minimumReleaseAgeMs: 3 * DAY,
      minimumReleaseAgeExclude: [],
      packages: [],
      installScripts: { action: 'block', allow: [] },
      vulnerabilities: 'warn',
      provenance: 'off',
      malicious: 'off',
    });
  });

  it('names package.json#chainwatch and the key when the field is wrong', async () => {
    const root = tree('badfield', { 'package.json': { name: 'app', chainwatch: { policy: { minimumReleaseAge: '3x' } } } });
    expect(await failure(context(root))).toMatch(
      new RegExp(`^${join(root, 'package.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#chainwatch: policy\\.minimumReleaseAge: a duration is`),
    );
  });

  it('refuses a package.json that is not JSON, naming it, but not when a config file in the same directory comes first', async () => {
    const root = tree('badjson', { 'package.json': '{"name": "app",' });
    expect(await failure(context(root))).toContain(`${join(root, 'package.json')}: not valid JSON`);
    writeFileSync(join(root, 'chainwatch.config.json'), '{}');
    expect((await context(root)).configDir).toBe(root);
  });

  it('names the config file and key when the policy in chainwatch.config.json is wrong', async () => {
    const root = tree('badfile', { 'chainwatch.config.json': { policy: { installScripts: { allow: ['sharp@not a range'] } } } });
    expect(await failure(context(root))).toMatch(/chainwatch\.config\.json: policy\.installScripts\.allow\.0: "not a range" in "sharp@not a range" is not a semver range/);
  });

  it('reads the chainwatch field of a package.json given with --config', async () => {
    const root = tree('explicit', {
      'cfg/package.json': { chainwatch: { policy: { provenance: 'block' } } },
      'plain/package.json': { name: 'plain' },
    });
    const ctx = await context(root, { config: 'cfg/package.json' });
    expect(ctx.policy.provenance).toBe('block');
    expect(ctx.configDir).toBe(join(root, 'cfg'));
    expect(await failure(context(root, { config: 'plain/package.json' }))).toBe('plain/package.json: has no "chainwatch" field');
    expect(await failure(context(root, { config: 'missing.json' }))).toBe('missing.json: cannot read the config file');
  });
});
