import { readFileSync } from 'node:fs';
import { toJsonSchema } from '@valibot/to-json-schema';
import { describe, expect, it } from 'vitest';
import { isToolError } from '../core/index.js';
import { parseConfigFile, parsePackageJsonConfig } from './index.js';
import { ConfigSchema } from './schema.js';

describe('parseConfigFile', () => {
  it('accepts a valid config', async () => {
    await expect(parseConfigFile('{"format":"json","ignore":["vendor","fixtures/old"]}', 'c.json')).resolves.toEqual({
      format: 'json',
      ignore: ['vendor', 'fixtures/old'],
    });
  });

  it.each([
    ['{"format":', 'c.json: not valid JSON'],
    ['{"format":"xml"}', 'c.json: format: Invalid type'],
    ['{"ignor":[]}', 'c.json: ignor: Invalid key'],
    ['{"ignore":[""]}', 'c.json: ignore.0: Invalid length'],
    ['[]', 'c.json: (top level): Invalid type'],
  ])('rejects %s with a one-line error naming the file and key', async (text, message) => {
    const error = await parseConfigFile(text, 'c.json').catch((e: unknown) => e);
    expect(isToolError(error)).toBe(true);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});

async function configError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isToolError(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('the policy key', () => {
  it('accepts every key in every form', async () => {
    const policy = {
      minimumReleaseAge: '90m',
      minimumReleaseAgeExclude: ['@myorg/*', 'eslint-*', 'left-pad'],
      packages: { react: { minimumReleaseAge: 1.5 }, '@types/*': { minimumReleaseAge: '0' }, 'lodash.merge': {} },
      installScripts: { action: 'warn', allow: ['esbuild', '@swc/*', 'sharp@^0.33.0', '@swc/core@>=1.3 <2', 'x@1.x || 2'] },
      vulnerabilities: 'block',
      provenance: 'warn',
      malicious: 'off',
    };
    await expect(parseConfigFile(JSON.stringify({ policy }), 'c.json')).resolves.toEqual({ policy });
  });

  it.each(['90m', '12h', '3d', '1w', '0.5d', '0', 0, 2.5])('accepts the duration %j', async (duration) => {
    await expect(parseConfigFile(JSON.stringify({ policy: { minimumReleaseAge: duration } }), 'c.json')).resolves.toBeDefined();
  });

  it.each([
    [{ minimumReleaseAge: '3x' }, 'c.json: policy.minimumReleaseAge: a duration is'],
    [{ minimumReleaseAge: '-1d' }, 'c.json: policy.minimumReleaseAge: a duration is'],
    [{ minimumReleaseAge: 'd' }, 'c.json: policy.minimumReleaseAge: a duration is'],
    [{ minimumReleaseAge: '3' }, 'c.json: policy.minimumReleaseAge: a duration is'],
    [{ minimumReleaseAge: -1 }, 'c.json: policy.minimumReleaseAge: a duration is'],
    [{ minimumReleaseAge: true }, 'c.json: policy.minimumReleaseAge: a duration is'],
    [{ minimumReleaseAge: `${'9'.repeat(400)}w` }, 'c.json: policy.minimumReleaseAge: "999'],
    [{ minimumReleaseAgeExclude: ['ok', ''] }, 'c.json: policy.minimumReleaseAgeExclude.1: a package name or glob cannot be empty'],
    [{ minimumReleaseAgeExclude: '@myorg/*' }, 'c.json: policy.minimumReleaseAgeExclude: Invalid type'],
    [{ packages: { react: { minimumReleaseAge: '2y' } } }, 'c.json: policy.packages.react.minimumReleaseAge: a duration is'],
    [{ packages: { '@myorg/*': { minimumReleaseAge: '2y' } } }, 'c.json: policy.packages["@myorg/*"].minimumReleaseAge: a duration is'],
    [{ packages: { react: { minimumReleaseAg: '2d' } } }, 'c.json: policy.packages.react.minimumReleaseAg: Invalid key'],
    [{ packages: { '': {} } }, 'c.json: policy.packages[""]: a package name or glob cannot be empty'],
    [{ packages: { react: '2d' } }, 'c.json: policy.packages.react: Invalid type'],
    [{ installScripts: { action: 'deny' } }, 'c.json: policy.installScripts.action: Invalid type'],
    [{ installScripts: { allow: ['esbuild', 'sharp@^^1'] } }, 'c.json: policy.installScripts.allow.1: "^^1" in "sharp@^^1" is not a semver range'],
    [{ installScripts: { allow: ['@swc/core@latest'] } }, 'c.json: policy.installScripts.allow.0: "latest" in "@swc/core@latest" is not a semver range'],
    [{ installScripts: { allow: ['sharp@'] } }, 'c.json: policy.installScripts.allow.0: "" in "sharp@" is not a semver range'],
    [{ installScripts: { allow: [''] } }, 'c.json: policy.installScripts.allow.0: a package name or glob cannot be empty'],
    [{ installScripts: { block: [] } }, 'c.json: policy.installScripts.block: Invalid key'],
    [{ vulnerabilities: 'error' }, 'c.json: policy.vulnerabilities: Invalid type'],
    [{ provenance: true }, 'c.json: policy.provenance: Invalid type'],
    [{ malicious: 'on' }, 'c.json: policy.malicious: Invalid type'],
    [{ minimumReleaseAgeExcludes: [] }, 'c.json: policy.minimumReleaseAgeExcludes: Invalid key'],
  ])('rejects %j with a one-line error naming the key', async (policy, message) => {
    expect(await configError(parseConfigFile(JSON.stringify({ policy }), 'c.json'))).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each([
    ['{"policy":[]}', 'c.json: policy: Invalid type: Expected Object but received Array'],
    ['{"policy":{"installScripts":[]}}', 'c.json: policy.installScripts: Invalid type: Expected Object but received Array'],
    ['{"policy":{"packages":[{}]}}', 'c.json: policy.packages: Invalid type: Expected Object but received Array'],
    ['{"policy":{"packages":{"a":{},"b":[]}}}', 'c.json: policy.packages.b: Invalid type: Expected Object but received Array'],
    ['{"policy":"strict"}', 'c.json: policy: Invalid type: Expected Object but received "strict"'],
  ])('rejects %s, where a mapping belongs', async (text, message) => {
    expect(await configError(parseConfigFile(text, 'c.json'))).toBe(message);
  });
});

describe('parsePackageJsonConfig', () => {
  it('reads the chainwatch field, and nothing without one', async () => {
    const manifest = { name: 'app', version: '1.0.0', chainwatch: { policy: { minimumReleaseAge: '1w' } } };
    await expect(parsePackageJsonConfig(JSON.stringify(manifest), '/p/package.json')).resolves.toEqual(manifest.chainwatch);
    await expect(parsePackageJsonConfig('{"name":"app"}', '/p/package.json')).resolves.toBeUndefined();
    await expect(parsePackageJsonConfig('"just a string"', '/p/package.json')).resolves.toBeUndefined();
  });

  it('tolerates a byte-order mark, as npm does', async () => {
    await expect(parsePackageJsonConfig('\uFEFF{"chainwatch":{"format":"json"}}', '/p/package.json')).resolves.toEqual({ format: 'json' });
  });

  it('names package.json#chainwatch and the key in errors', async () => {
    const text = JSON.stringify({ name: 'app', chainwatch: { policy: { installScripts: { action: 'maybe' } } } });
    expect(await configError(parsePackageJsonConfig(text, '/p/package.json'))).toMatch(/^\/p\/package\.json#chainwatch: policy\.installScripts\.action: Invalid type/);
    expect(await configError(parsePackageJsonConfig('{"chainwatch":null}', '/p/package.json'))).toMatch(/^\/p\/package\.json#chainwatch: \(top level\): Invalid type/);
    expect(await configError(parsePackageJsonConfig('{"chainwatch":[]}', '/p/package.json'))).toMatch(/^\/p\/package\.json#chainwatch: \(top level\): Invalid type/);
  });

  it('refuses a package.json that is not JSON, naming the file', async () => {
    expect(await configError(parsePackageJsonConfig('{"name":', '/p/package.json'))).toMatch(/^\/p\/package\.json: not valid JSON/);
  });
});

describe('docs/config.schema.json', () => {
  it('is generated from the schema (run `npm run gen:docs` after changing it)', () => {
    const generated = JSON.stringify(toJsonSchema(ConfigSchema), null, 2) + '\n';
    expect(readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8')).toBe(generated);
  });
});
