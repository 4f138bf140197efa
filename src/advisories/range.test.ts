import { describe, expect, it } from 'vitest';
import { isAffected } from './range.js';
import type { Affected, RangeEvent } from './types.js';

const range = (...events: RangeEvent[]) => ({ events });
const intro = (v: string): RangeEvent => ({ introduced: v });
const fixed = (v: string): RangeEvent => ({ fixed: v });
const last = (v: string): RangeEvent => ({ lastAffected: v });
const limit = (v: string): RangeEvent => ({ limit: v });

interface Case {
  name: string;
  affected: Omit<Affected, 'name'>;
  yes: string[];
  no: string[];
}

/** Each case: versions that must be affected and versions that must not. */
const cases: Case[] = [
  // The examples of https://ossf.github.io/osv-schema/#examples
  {
    name: 'spec: unfixed ("every possible version")',
    affected: { ranges: [range(intro('0'))] },
    yes: ['0.0.0', '0.0.0-0', '1.0.0', '1.0.0-alpha', '99.99.99'],
    no: [],
  },
  {
    name: 'spec: fixed ("everything before 1.0.2")',
    affected: { ranges: [range(intro('0'), fixed('1.0.2'))] },
    yes: ['0.0.1', '1.0.0', '1.0.1', '1.0.2-rc.1'],
    no: ['1.0.2', '1.0.3', '2.0.0'],
  },
  {
    name: 'spec: multiple ranges in one events list, [1.0.0, 1.0.2) and [3.0.0, 3.2.5)',
    affected: { ranges: [range(intro('1.0.0'), fixed('1.0.2'), intro('3.0.0'), fixed('3.2.5'))] },
    yes: ['1.0.0', '1.0.1', '3.0.0', '3.1.9', '3.2.4'],
    no: ['0.9.9', '1.0.0-beta', '1.0.2', '2.0.0', '3.0.0-rc.1', '3.2.5', '4.0.0'],
  },
  {
    name: 'spec: last_affected 2.1.214 includes it',
    affected: { ranges: [range(intro('0'), last('2.1.214'))] },
    yes: ['0.1.0', '2.1.214', '2.1.214-rc.1'],
    no: ['2.1.215', '3.0.0'],
  },
  {
    name: 'spec: fixed 2.1.214 excludes it',
    affected: { ranges: [range(intro('0'), fixed('2.1.214'))] },
    yes: ['2.1.213', '2.1.214-rc.1'],
    no: ['2.1.214', '2.1.215'],
  },
  // limit events
  {
    name: 'limit caps an open range',
    affected: { ranges: [range(intro('1.0.0'), limit('2.0.0'))] },
    yes: ['1.0.0', '1.9.9', '2.0.0-rc.1'],
    no: ['0.9.0', '2.0.0', '2.5.0'],
  },
  {
    name: 'limit "*" is infinity',
    affected: { ranges: [range(intro('1.0.0'), limit('*'))] },
    yes: ['1.0.0', '500.0.0'],
    no: ['0.1.0'],
  },
  {
    name: 'several limits: below any of them',
    affected: { ranges: [range(intro('0'), limit('1.0.0'), limit('3.0.0'))] },
    yes: ['0.5.0', '2.0.0', '2.9.9'],
    no: ['3.0.0', '4.0.0'],
  },
  {
    name: 'limit and fixed together',
    affected: { ranges: [range(intro('0'), fixed('1.5.0'), limit('3.0.0'))] },
    yes: ['1.0.0'],
    no: ['1.5.0', '2.0.0', '3.0.0'],
  },
  // evaluation details
  {
    name: 'events are sorted before the walk',
    affected: { ranges: [range(fixed('2.0.0'), intro('1.0.0'))] },
    yes: ['1.0.0', '1.5.0'],
    no: ['0.5.0', '2.0.0'],
  },
  {
    name: 'a range without introduced affects nothing',
    affected: { ranges: [range(fixed('1.0.0'))] },
    yes: [],
    no: ['0.0.1', '0.5.0', '1.0.0', '2.0.0'],
  },
  {
    name: 'several ranges: any of them',
    affected: { ranges: [range(intro('1.0.0'), fixed('1.1.0')), range(intro('2.0.0'), last('2.0.3'))] },
    yes: ['1.0.5', '2.0.0', '2.0.3'],
    no: ['0.9.0', '1.1.0', '1.5.0', '2.0.4'],
  },
  {
    name: 'prerelease precedence (SemVer 2.0 section 11)',
    affected: { ranges: [range(intro('1.0.0-alpha'), fixed('1.0.0-beta.2'))] },
    yes: ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta'],
    no: ['0.9.0', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'],
  },
  {
    name: 'build metadata does not change precedence',
    affected: { ranges: [range(intro('0'), fixed('1.0.2'))] },
    yes: ['1.0.1+build.5'],
    no: ['1.0.2+build.1'],
  },
  // explicit versions
  {
    name: 'explicit versions match exactly',
    affected: { versions: ['5.6.1', '1.4.44-liberty-2'] },
    yes: ['5.6.1', '1.4.44-liberty-2'],
    no: ['5.6.0', '5.6.2', '5.6.1-0', 'v5.6.1', '1.4.44'],
  },
  {
    name: 'explicit versions or ranges',
    affected: { versions: ['0.1.0'], ranges: [range(intro('2.0.0'), fixed('2.1.0'))] },
    yes: ['0.1.0', '2.0.5'],
    no: ['0.2.0', '2.1.0'],
  },
  {
    name: 'a version that is not semver only matches an explicit entry',
    affected: { versions: ['github:owner/repo#abc'], ranges: [range(intro('0'))] },
    yes: ['github:owner/repo#abc'],
    no: ['github:owner/repo#def', 'latest', ''],
  },
  {
    name: 'nothing listed: nothing affected',
    affected: { versions: [], ranges: [] },
    yes: [],
    no: ['1.0.0'],
  },
  // broken records err towards "affected"
  {
    name: 'an unparsable introduced counts as "0"',
    affected: { ranges: [range(intro('not-a-version'), fixed('2.0.0'))] },
    yes: ['0.0.1', '1.9.0'],
    no: ['2.0.0'],
  },
  {
    name: 'an unparsable fixed leaves the range open',
    affected: { ranges: [range(intro('1.0.0'), fixed('1.x'))] },
    yes: ['1.0.0', '9.0.0'],
    no: ['0.9.0'],
  },
  {
    name: 'an unparsable limit counts as "*"',
    affected: { ranges: [range(intro('1.0.0'), limit('later'))] },
    yes: ['1.0.0', '9.0.0'],
    no: ['0.9.0'],
  },
];

describe('isAffected (OSV SEMVER evaluation)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const affected = { name: 'pkg', ...c.affected };
      expect(c.yes.filter((v) => !isAffected(v, affected))).toEqual([]);
      expect(c.no.filter((v) => isAffected(v, affected))).toEqual([]);
    });
  }

  it('gives the same answer on repeated calls (compiled ranges are cached per range object)', () => {
    const affected: Affected = { name: 'pkg', ranges: [range(intro('1.0.0'), fixed('2.0.0'))] };
    for (let i = 0; i < 3; i++) {
      expect(isAffected('1.5.0', affected)).toBe(true);
      expect(isAffected('2.5.0', affected)).toBe(false);
    }
  });

  it('does not look at the entry name (callers pick entries by name)', () => {
    expect(isAffected('1.0.0', { name: 'other', versions: ['1.0.0'] })).toBe(true);
  });
});
