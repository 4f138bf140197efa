import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../gate/index.js';
import type { TestRegistry } from '../registry/test-support/registry-server.js';
import { releaseScenarios, startScenarioRegistry } from '../registry/test-support/release-scenarios.js';
import { clientEnvironment, openGate } from './guard.js';

// The gate as `guard` and `proxy` open it, with the real detection engine behind policy.malicious:
// the chalk-like release scenario (an inert imitation) is refused, its predecessor served.
const scenario = releaseScenarios.find((s) => s.id === 'appended-wallet-hook')!;
let registry: TestRegistry;
let work: string;

beforeAll(async () => {
  registry = await startScenarioRegistry([scenario]);
  work = mkdtempSync(join(tmpdir(), 'cw-guard-app-'));
  writeFileSync(join(work, 'npmrc'), `registry=${registry.url}\n`);
});
afterAll(async () => {
  await registry.close();
  rmSync(work, { recursive: true, force: true });
});

describe('openGate', () => {
  it('inspects tarballs with the detection engine when the policy asks, and refuses a malicious one', async () => {
    const opened = await openGate({
      cwd: work,
      env: { HOME: work, npm_config_userconfig: join(work, 'npmrc'), npm_config_cache: join(work, 'cache') },
      homedir: work,
      dbPath: join(work, 'no-db.db'),
      policy: { ...DEFAULT_POLICY, malicious: 'block' },
      logFile: join(work, 'gate.jsonl'),
    });
    try {
      const bad = await fetch(`${opened.gate.url}${scenario.name}/-/${scenario.name}-${scenario.to}.tgz`);
      expect(bad.status).toBe(403);
      expect(((await bad.json()) as { error: string }).error).toBe(`chainwatch blocked ${scenario.name}@${scenario.to} (malicious: the detection engine judged its tarball malicious)`);
      const good = await fetch(`${opened.gate.url}${scenario.name}/-/${scenario.name}-${scenario.from}.tgz`);
      expect(good.status).toBe(200);
      expect(opened.summary().refused.map((r) => r.version)).toEqual([scenario.to]);
    } finally {
      await opened.close();
    }
  });

  it('points every client at the gate through the environment only', () => {
    expect(clientEnvironment('http://127.0.0.1:4873/')).toMatchObject({
      npm_config_registry: 'http://127.0.0.1:4873/',
      npm_config_replace_registry_host: 'always',
      YARN_NPM_REGISTRY_SERVER: 'http://127.0.0.1:4873/',
      YARN_UNSAFE_HTTP_WHITELIST: '127.0.0.1',
      BUN_CONFIG_REGISTRY: 'http://127.0.0.1:4873/',
    });
  });
});
