import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The quality bar for the detection engine: this project's own node_modules (hundreds of real,
// benign packages, installed by npm ci from the committed lockfile) must not contain a package
// judged malicious. Suspicious ones are listed with their reasons in the snapshot, so a change
// in what the rules say about real code is seen in review.
const repo = resolve(__dirname, '../..');
const cache = mkdtempSync(join(tmpdir(), 'chainwatch-quality-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe("chainwatch inspect on its own node_modules", () => {
  it('judges no package malicious, and lists the suspicious ones', async () => {
    const r = spawnSync(process.execPath, [join(repo, 'dist/bundle/main.js'), 'inspect', 'node_modules', '--format', 'json', '--no-cache', '--fail-on', 'none'], {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 256 << 20,
      env: { PATH: process.env.PATH ?? '', HOME: cache, XDG_CACHE_HOME: cache },
    });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { packages: { name: string; verdict: string; reasons: string[] }[] };
    expect(doc.packages.length).toBeGreaterThan(100);
    const malicious = doc.packages.filter((p) => p.verdict === 'malicious');
    expect(malicious.map((p) => `${p.name}: ${p.reasons.join('; ')}`)).toEqual([]);
    const suspicious = doc.packages
      .filter((p) => p.verdict === 'suspicious')
      .map((p) => `${p.name}: ${p.reasons.join('; ')}`)
      .sort();
    await expect(JSON.stringify(suspicious, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/own-node-modules.suspicious.json');
  }, 120_000);
});
