import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleReports, workspaceReport, cleanReport } from '../fixtures/reports.js';
import { sarifErrors, schemaPath } from '../test-support/sarif-schema.js';
import { fileUri, sarif } from './sarif.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF is read back as plain JSON
const parse = (report: typeof workspaceReport): any => JSON.parse(sarif.render(report));

describe('sarif reporter', () => {
  it('vendors the official schema', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it.each(Object.entries(sampleReports))('renders the %s sample, valid SARIF 2.1.0', async (name, report) => {
    const out = sarif.render(report);
    expect(sarifErrors(JSON.parse(out))).toBeNull();
    await expect(out).toMatchFileSnapshot(`../__snapshots__/sarif.${name}.sarif.json`);
  });

  it('is checked by a validator that does reject bad SARIF', () => {
    const noMessage = parse(workspaceReport);
    delete noMessage.runs[0].results[0].message;
    expect(sarifErrors(noMessage)).not.toBeNull();
    const badLevel = parse(workspaceReport);
    badLevel.runs[0].results[0].level = 'fatal';
    expect(sarifErrors(badLevel)).not.toBeNull();
    const badUri = parse(workspaceReport);
    badUri.runs[0].tool.driver.rules[0].helpUri = 'not a uri';
    expect(sarifErrors(badUri)).not.toBeNull();
    const noSuccess = parse(workspaceReport);
    delete noSuccess.runs[0].invocations[0].executionSuccessful;
    expect(sarifErrors(noSuccess)).not.toBeNull();
  });

  it('has one rule per advisory and one result per finding and advisory', () => {
    const run = parse(workspaceReport).runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'GHSA-67mh-4wv8-2f99',
      'GHSA-grv7-fg5c-xmjg',
      'MAL-2025-46969',
      'qix-chalk-debug-2025-09-08',
    ]);
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'MAL-2025-46969',
      'qix-chalk-debug-2025-09-08',
      'GHSA-grv7-fg5c-xmjg',
      'GHSA-67mh-4wv8-2f99',
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('describes each rule the way GitHub code scanning reads it', () => {
    const rules = parse(workspaceReport).runs[0].tool.driver.rules;
    const byId = Object.fromEntries(rules.map((r: { id: string }) => [r.id, r]));
    expect(byId['MAL-2025-46969']).toMatchObject({
      shortDescription: { text: 'Malicious code in chalk (npm)' },
      helpUri: 'https://www.aikido.dev/blog/npm-debug-and-chalk-packages-compromised',
      properties: { tags: ['security', 'malware', 'osv'], 'security-severity': '9.5' },
    });
    expect(byId['qix-chalk-debug-2025-09-08'].properties.tags).toEqual(['security', 'malware', 'curated']);
    expect(byId['GHSA-grv7-fg5c-xmjg'].properties['security-severity']).toBe('8.0');
    expect(byId['GHSA-67mh-4wv8-2f99'].properties).toMatchObject({ tags: ['security', 'vulnerability', 'osv'], 'security-severity': '5.5' });
  });

  it('places results at the lockfile line with a level from the severity', () => {
    const results = parse(workspaceReport).runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'error', 'warning']);
    expect(results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'package-lock.json' }, region: { startLine: 1287 } });
    expect(results[0].message.text).toBe(
      'chalk@5.6.1 is malicious (MAL-2025-46969: Malicious code in chalk (npm)). ' +
        "Transitive, prod, via packages/web › @acme/ui@2.3.0 › chalk@5.6.1 (+1 more paths). Fix: 5.6.2 (allowed by every dependent's range).",
    );
    expect(results[3].message.text).toContain("Fix: override to 0.25.0 (outside a dependent's range).");
  });

  it('fingerprints results by lockfile, package and advisory, not by line', () => {
    const moved = structuredClone(workspaceReport);
    moved.projects[0]!.findings[0]!.location = { file: 'package-lock.json', line: 1301 };
    moved.summary.elapsedMs = 9999;
    const before = parse(workspaceReport).runs[0].results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints);
    const after = parse(moved).runs[0].results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints);
    expect(after).toEqual(before);
    expect(new Set(before.map((f: unknown) => JSON.stringify(f))).size).toBe(before.length);
  });

  it('reports unreadable projects, cache entries and --deep verdicts as notifications and marks the run unsuccessful', () => {
    const invocation = parse(workspaceReport).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    const ids = invocation.toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id);
    expect(ids).toEqual(['lockfile-warning', 'project-error', 'cache-entry', 'cache-entry', 'installed-code', 'installed-code']);
    expect(parse(cleanReport).runs[0].invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
  });

  it('turns display paths into URI references', () => {
    expect(fileUri('package-lock.json')).toBe('package-lock.json');
    expect(fileUri('packages/@acme/web app/yarn.lock')).toBe('packages/@acme/web%20app/yarn.lock');
    expect(fileUri('weird#dir/a:b?/pnpm-lock.yaml')).toBe('weird%23dir/a%3Ab%3F/pnpm-lock.yaml');
    expect(fileUri('/home/dev/.npm/_cacache/index-v5/5e/0b/x')).toBe('file:///home/dev/.npm/_cacache/index-v5/5e/0b/x');
    expect(fileUri('C:\\src\\app\\package-lock.json')).toBe('file:///C:/src/app/package-lock.json');
  });
});
