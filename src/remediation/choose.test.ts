import { describe, expect, it } from 'vitest';
import type { Advisory } from '../advisories/index.js';
import { chooseTarget, type ChooseInput } from './choose.js';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse('2025-09-10T00:00:00Z');
const ago = (days: number) => new Date(now - days * DAY).toISOString();

// The 2025-09-08 debug compromise: 4.4.2 malicious, 4.4.1 the release before it.
const malware: Advisory = {
  id: 'MAL-2025-46974',
  aliases: [],
  source: 'osv',
  kind: 'malware',
  title: 'debug@4.4.2 is malicious',
  summary: '',
  severity: 'critical',
  published: '2025-09-08T00:00:00Z',
  modified: '2025-09-08T00:00:00Z',
  references: [],
  affected: [{ name: 'debug', versions: ['4.4.2'] }],
};

// What the registry lists for debug (publish times relative to `now`).
const published = [
  { version: '3.2.7', publishedAt: ago(2000) },
  { version: '4.3.7', publishedAt: ago(300) },
  { version: '4.4.0', publishedAt: ago(200) },
  { version: '4.4.1', publishedAt: ago(100) },
  { version: '4.4.2', publishedAt: ago(2) },
  { version: '4.4.3', publishedAt: ago(1) },
  { version: '5.0.0-beta.1', publishedAt: ago(50) },
];

const input = (over: Partial<ChooseInput>): ChooseInput => ({
  name: 'debug',
  affected: ['4.4.2'],
  advisories: [malware],
  candidates: published,
  ranges: ['^4.3.1'],
  releaseAgeMs: 0,
  now,
  ...over,
});

describe('chooseTarget', () => {
  it('takes the highest clean version every range allows', () => {
    expect(chooseTarget(input({}))).toEqual({ version: '4.4.3', inRange: true });
  });

  it('skips versions younger than the release-age policy', () => {
    expect(chooseTarget(input({ releaseAgeMs: 3 * DAY }))).toEqual({ version: '4.4.1', inRange: true });
  });

  it('skips every version an advisory for the name covers, not only the installed one', () => {
    const also: Advisory = { ...malware, id: 'GHSA-x', kind: 'vulnerability', affected: [{ name: 'debug', ranges: [{ events: [{ introduced: '4.4.3' }] }] }] };
    expect(chooseTarget(input({ advisories: [malware, also] }))).toEqual({ version: '4.4.1', inRange: true });
  });

  it('falls back to the last clean version before the affected one, out of range, when no range allows a clean one', () => {
    expect(chooseTarget(input({ ranges: ['4.4.2'] }))).toEqual({ version: '4.4.1', inRange: false });
    // Nothing clean below: the lowest clean one above.
    expect(chooseTarget(input({ ranges: ['4.4.2'], candidates: published.filter((c) => c.version >= '4.4.2') }))).toEqual({ version: '4.4.3', inRange: false });
  });

  it('ignores specifiers that are not semver ranges and prereleases unless the affected version is one', () => {
    expect(chooseTarget(input({ ranges: ['github:debug-js/debug', '^4.0.0'], releaseAgeMs: 3 * DAY }))).toEqual({ version: '4.4.1', inRange: true });
    expect(chooseTarget(input({ ranges: ['*'] }))?.version).toBe('4.4.3');
  });

  it('accepts a candidate without a publish time (offline data) whatever the policy', () => {
    expect(chooseTarget(input({ candidates: [{ version: '4.4.1' }, { version: '4.4.3' }], releaseAgeMs: 30 * DAY }))).toEqual({ version: '4.4.3', inRange: true });
  });

  it('knows no target when no candidate is clean and old enough', () => {
    expect(chooseTarget(input({ candidates: [{ version: '4.4.2' }] }))).toBeNull();
    expect(chooseTarget(input({ releaseAgeMs: 10_000 * DAY }))).toBeNull();
  });
});
