import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sampleReports, workspaceReport, curatedOnlyReport } from '../fixtures/reports.js';
import { json } from './json.js';

const schemaPath = fileURLToPath(new URL('../../../docs/schemas/scan.schema.json', import.meta.url));
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

/** The same data with every object's keys in reverse order, as another producer might build it. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  return value;
}

describe('json reporter', () => {
  it.each(Object.entries(sampleReports))('renders the %s sample, valid against docs/schemas/scan.schema.json', async (name, report) => {
    const out = json.render(report);
    const doc: unknown = JSON.parse(out);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    await expect(out).toMatchFileSnapshot(`../__snapshots__/json.${name}.json`);
  });

  it('keeps the keys other tools read', () => {
    const doc = JSON.parse(json.render(workspaceReport));
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'advisoryData', 'projects', 'caches', 'summary']);
    expect(doc.schemaVersion).toBe(1);
    const [root] = doc.projects;
    expect(root).toMatchObject({ path: '.', lockfile: 'package-lock.json' });
    expect(root.findings[0]).toMatchObject({
      name: 'chalk',
      version: '5.6.1',
      ids: ['MAL-2025-46969', 'qix-chalk-debug-2025-09-08', 'GHSA-2v46-p5h4-248w'],
      severity: 'critical',
      paths: [
        ['packages/web', '@acme/ui@2.3.0', 'chalk@5.6.1'],
        ['packages/api', '@acme/logger@1.4.0', 'chalk@5.6.1'],
      ],
    });
  });

  it('writes a fixed key order whatever order the report was built in', () => {
    for (const report of Object.values(sampleReports)) expect(json.render(reverseKeys(report))).toBe(json.render(report));
  });

  it('writes osv: null when there is no OSV database', () => {
    expect(JSON.parse(json.render(curatedOnlyReport)).advisoryData).toEqual({ curated: { incidents: 19 }, osv: null });
  });

  it('leaves out fields the schema does not document', () => {
    const extra = structuredClone(workspaceReport) as typeof workspaceReport & { debug?: unknown };
    extra.debug = { internal: true };
    (extra.projects[0]!.findings[0] as unknown as Record<string, unknown>).graphKey = 'node_modules/chalk';
    expect(json.render(extra)).toBe(json.render(workspaceReport));
  });

  it('rejects documents that lose a stable key', () => {
    const doc = JSON.parse(json.render(workspaceReport));
    delete doc.projects[0].findings[0].paths;
    expect(validate(doc)).toBe(false);
  });
});
