import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The package's public entry point as a user imports it (the built `exports` target).
describe('library API', () => {
  it('inventories and answers why through the documented entry point', async () => {
    const api = await import(resolve(__dirname, '../../dist/index.js'));
    const demo = resolve(__dirname, '../../examples/demo');
    const { projects } = await api.inventory({ paths: [demo], cwd: demo });
    expect(projects).toHaveLength(1);
    expect(api.summarizePackages(projects[0].graph).find((p: { name: string }) => p.name === 'debug')).toMatchObject({ version: '4.3.4', direct: true });
    const { matches } = await api.why({ paths: [demo], cwd: demo, name: 'ms', range: '2.1.2' });
    expect(matches.map((m: { paths: { name: string }[][] }) => m.paths[0]!.map((e) => e.name))).toEqual([['debug', 'ms']]);
    await expect(api.inventory({ paths: ['nope'], cwd: demo })).rejects.toBeInstanceOf(api.ToolError);
  });

  it('scans with the curated incidents and renders the report', async () => {
    const api = await import(resolve(__dirname, '../../dist/index.js'));
    const example = resolve(__dirname, '../../examples/compromised');
    const sources = api.openAdvisorySources({ dbPath: resolve(example, 'no-such.db'), env: {}, homedir: example });
    const report = await api.scan({ paths: [example], cwd: example, indexes: sources.indexes, advisoryData: sources.status, tool: { name: 't', version: '0' } });
    sources.close();
    expect(report.advisoryData.osv).toBeNull();
    expect(report.projects[0].findings.map((f: { name: string }) => f.name)).toEqual(['@solana/web3.js', 'chalk', 'debug']);
    expect(api.failsThreshold(report, 'malicious')).toBe(true);
    expect(api.failsThreshold(report, 'none')).toBe(false);
    expect(JSON.parse(api.reporters.json.render(report)).projects[0].lockfile).toBe('package-lock.json');
  });
});
