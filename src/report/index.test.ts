import { describe, expect, it } from 'vitest';
import { reporterIds, reporters, type ScanReport } from './index.js';
import { sampleReports } from './fixtures/reports.js';

/** The registry of reporters: sorted, ids matching keys, every reporter pure over every sample. */

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('reporters registry', () => {
  it('is sorted by id and each id equals its key', () => {
    expect(reporterIds).toEqual([...reporterIds].sort());
    for (const [key, reporter] of Object.entries(reporters)) expect(reporter.id).toBe(key);
  });

  it('names the formats `chainwatch scan --format` offers', () => {
    expect(reporterIds).toEqual(['json', 'markdown', 'sarif', 'text']);
  });

  it('gives every reporter a media type', () => {
    for (const reporter of Object.values(reporters)) expect(reporter.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
  });

  describe.each(Object.entries(sampleReports))('over the %s sample', (_name, sample) => {
    it.each(reporterIds)('%s renders newline-terminated output without touching the report', (id) => {
      const frozen = deepFreeze(structuredClone(sample)) as ScanReport;
      const first = reporters[id].render(frozen);
      expect(first.endsWith('\n')).toBe(true);
      expect(reporters[id].render(frozen)).toBe(first);
      expect(frozen).toEqual(sample);
    });
  });
});
