import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadNpmConfig } from './index.js';

let work: string;
let home: string;
let project: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'cw-npmconfig-test-'));
  home = join(work, 'home');
  project = join(work, 'project');
  mkdirSync(home);
  mkdirSync(join(project, 'sub'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"name":"p","version":"1.0.0"}');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** An environment with only what the test gives: no npm_config_* of the process running vitest. */
const isolated = (extra: Record<string, string> = {}) => ({
  HOME: home,
  npm_config_globalconfig: join(work, 'no-global-npmrc'),
  ...extra,
});

describe('loadNpmConfig', () => {
  it("falls back to npm's own default registry when nothing sets one", async () => {
    const config = await loadNpmConfig({ cwd: project, env: isolated() });
    expect(config.registry).toMatch(/^https:\/\/[^/]+\/$/);
    expect(config.registryFor('@any/pkg')).toBe(config.registry);
  });

  it('reads the user .npmrc from HOME, with scoped registries', async () => {
    writeFileSync(join(home, '.npmrc'), 'registry=http://user.example.test/npm\n@corp:registry=http://corp.example.test/\n');
    const config = await loadNpmConfig({ cwd: project, env: isolated() });
    expect(config.registry).toBe('http://user.example.test/npm/');
    expect(config.registryFor('@corp/lib')).toBe('http://corp.example.test/');
    expect(config.registryFor('@other/lib')).toBe('http://user.example.test/npm/');
    expect(config.registryFor('plain')).toBe('http://user.example.test/npm/');
  });

  it('lets the project .npmrc (found from a subfolder) override the user one, and the environment both', async () => {
    writeFileSync(join(home, '.npmrc'), 'registry=http://user.example.test/\n');
    writeFileSync(join(project, '.npmrc'), 'registry=http://project.example.test/\n');
    const fromSub = await loadNpmConfig({ cwd: join(project, 'sub'), env: isolated() });
    expect(fromSub.registry).toBe('http://project.example.test/');
    const fromEnv = await loadNpmConfig({ cwd: project, env: isolated({ npm_config_registry: 'http://env.example.test/' }) });
    expect(fromEnv.registry).toBe('http://env.example.test/');
  });

  it('honours npm_config_userconfig and expands ${VARS} in npmrc as npm does', async () => {
    const rc = join(work, 'custom-npmrc');
    writeFileSync(rc, 'registry=http://custom.example.test/\n//custom.example.test/:_authToken=${MY_TOKEN}\n');
    const config = await loadNpmConfig({ cwd: project, env: isolated({ npm_config_userconfig: rc, MY_TOKEN: 's3cret' }) });
    expect(config.registry).toBe('http://custom.example.test/');
    expect(config.fetchOptions()['//custom.example.test/:_authToken']).toBe('s3cret');
    expect(JSON.stringify(config)).not.toContain('s3cret');
  });

  it('does not change the environment it is given', async () => {
    const env = isolated();
    const before = { ...env };
    await loadNpmConfig({ cwd: project, env });
    expect(env).toEqual(before);
  });
});
