import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ToolError } from '../../core/index.js';
import { loadNpmConfig, type NpmConfig } from '../index.js';

/**
 * An npm configuration as a test user would have it: a user `.npmrc` in a fresh HOME under `dir`
 * (no global npmrc, no npm_config_* of the process running the tests), pointing at `registry`,
 * with retries kept short so failure tests stay fast, plus the test's own `lines`.
 */
export async function testNpmConfig(dir: string, registry: string, lines: string[] = []): Promise<NpmConfig> {
  const home = join(dir, 'home');
  const project = join(dir, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  const npmrc = [`registry=${registry}`, 'fetch-retries=1', 'fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20', 'noproxy=127.0.0.1', ...lines];
  writeFileSync(join(home, '.npmrc'), npmrc.join('\n') + '\n');
  return loadNpmConfig({
    cwd: project,
    env: { HOME: home, npm_config_userconfig: join(home, '.npmrc'), npm_config_globalconfig: join(home, 'no-global-npmrc'), npm_config_cache: join(home, 'npm-cache') },
  });
}

/** The `//host:port/` key npm uses for per-registry settings (`<key>:_authToken=…`). */
export const hostKey = (url: string): string => url.replace(/^https?:/, '');

/** The ToolError a promise rejects with (the test fails if it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<ToolError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ToolError);
  return e as ToolError;
}
