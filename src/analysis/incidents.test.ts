import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from './rules/index.js';
import { analyzeSample } from './test-support/rule-tester.js';

// The quality bar: an inert imitation of every incident's technique (fixtures/incidents, written
// by us, never real malware) must be judged malicious, with the rule categories it imitates.
const root = join(__dirname, 'fixtures', 'incidents');
const incidents = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

describe('incident imitations', () => {
  it('cover every curated incident', () => {
    const curated = readdirSync(join(__dirname, '../../data/incidents')).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
    expect(incidents).toEqual(curated.sort());
  });

  for (const id of incidents) {
    it(`${id} is judged malicious`, () => {
      const expected = JSON.parse(readFileSync(join(root, id, 'expected.json'), 'utf8')) as { verdict: string; categories: string[] };
      const analysis = analyzeSample(join(root, id), allRules);
      const fired = [...new Set(analysis.findings.map((f) => f.category))].sort();
      expect(analysis.verdict, `${id}: ${analysis.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`).join('\n')}`).toBe('malicious');
      expect(fired).toEqual(expect.arrayContaining(expected.categories));
    });
  }
});
