import { describe, expect, it } from 'vitest';
import { dedupeAdvisories, fixCandidates, matchPackages } from './matcher.js';
import { createAdvisoryIndex } from './memory-index.js';
import type { Advisory, AdvisoryIndex } from './types.js';

function advisory(over: Partial<Advisory> & Pick<Advisory, 'id' | 'affected'>): Advisory {
  return {
    aliases: [],
    source: 'osv',
    kind: 'malware',
    title: over.id,
    summary: '',
    severity: 'high',
    published: '2025-01-01T00:00:00Z',
    modified: '2025-01-01T00:00:00Z',
    references: [],
    ...over,
  };
}

const ids = (matches: ReturnType<typeof matchPackages>) => matches.map((m) => `${m.pkg.name}@${m.pkg.version} ${m.advisory.id}`);

describe('matchPackages', () => {
  const chalk = advisory({ id: 'CHALK-1', affected: [{ name: 'chalk', versions: ['5.6.1'] }] });
  const debugRange = advisory({ id: 'DEBUG-1', kind: 'vulnerability', affected: [{ name: 'debug', ranges: [{ events: [{ introduced: '4.0.0' }, { fixed: '4.3.1' }] }] }] });
  const index = createAdvisoryIndex([chalk, debugRange]);

  it('matches explicit versions and ranges, only for the package name the entry names', () => {
    const matches = matchPackages(
      [
        { name: 'chalk', version: '5.6.1' },
        { name: 'chalk', version: '5.6.0' },
        { name: 'debug', version: '4.3.0' },
        { name: 'debug', version: '4.3.1' },
        { name: 'left-pad', version: '5.6.1' },
      ],
      [index],
    );
    expect(ids(matches)).toEqual(['chalk@5.6.1 CHALK-1', 'debug@4.3.0 DEBUG-1']);
    expect(matches[0]!.advisory).toBe(chalk);
  });

  it('reports a name@version given several times once, in first-seen order', () => {
    const refs = [
      { name: 'debug', version: '4.1.0' },
      { name: 'chalk', version: '5.6.1' },
      { name: 'debug', version: '4.1.0' },
    ];
    expect(ids(matchPackages(refs, [index]))).toEqual(['debug@4.1.0 DEBUG-1', 'chalk@5.6.1 CHALK-1']);
  });

  it('does not match an advisory whose other entries name the package', () => {
    const multi = advisory({ id: 'MULTI', affected: [{ name: 'a', versions: ['1.0.0'] }, { name: 'b', versions: ['2.0.0'] }] });
    expect(ids(matchPackages([{ name: 'a', version: '2.0.0' }, { name: 'b', version: '2.0.0' }], [createAdvisoryIndex([multi])]))).toEqual(['b@2.0.0 MULTI']);
  });

  it('asks each index once, for every distinct name together', () => {
    const calls: string[][] = [];
    const spy = (inner: AdvisoryIndex): AdvisoryIndex => ({
      lookup(names) {
        calls.push([...names]);
        return inner.lookup(names);
      },
    });
    const refs = Array.from({ length: 1000 }, (_, i) => ({ name: i % 2 ? 'chalk' : `pkg-${i % 10}`, version: `1.0.${i}` }));
    matchPackages(refs, [spy(index), spy(createAdvisoryIndex([]))]);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.sort()).toEqual(['chalk', 'pkg-0', 'pkg-2', 'pkg-4', 'pkg-6', 'pkg-8']);
  });

  it('scales with packages: 20,000 packages against 100,000 advisories', () => {
    const advisories = Array.from({ length: 100_000 }, (_, i) =>
      advisory({ id: `MAL-${i}`, affected: [{ name: `pkg-${i % 50_000}`, versions: [`1.0.${i % 7}`] }] }),
    );
    const big = createAdvisoryIndex(advisories);
    const refs = Array.from({ length: 20_000 }, (_, i) => ({ name: `pkg-${i}`, version: '1.0.0' }));
    const started = performance.now();
    const matches = matchPackages(refs, [big]);
    // pkg-i carries MAL-i and MAL-(i+50000); version 1.0.0 is affected when that id is a multiple of 7.
    const expected = refs.flatMap((_, i) => [i, i + 50_000]).filter((id) => id % 7 === 0).map((id) => `MAL-${id}`);
    expect(matches.map((m) => m.advisory.id).sort()).toEqual(expected.sort());
    expect(performance.now() - started).toBeLessThan(2000); // generous: the point is "not packages x advisories"
  });
});

describe('dedupeAdvisories / matchPackages de-duplication', () => {
  const mal = advisory({
    id: 'MAL-2025-1',
    aliases: ['GHSA-aaaa-bbbb-cccc'],
    summary: 'Malicious code in evil',
    references: ['https://example.test/mal'],
    affected: [{ name: 'evil', ranges: [{ events: [{ introduced: '0' }] }] }],
  });
  const ghsa = advisory({
    id: 'GHSA-aaaa-bbbb-cccc',
    aliases: ['CVE-2025-0001'],
    kind: 'vulnerability',
    severity: 'critical',
    summary: 'A much longer description of the same malicious release',
    references: ['https://example.test/ghsa', 'https://example.test/blog', 'https://example.test/issue'],
    affected: [{ name: 'evil', versions: ['1.0.0'] }],
  });

  it('one match for an OSV MAL record and its GHSA alias: the richer one, aliases merged', () => {
    const matches = matchPackages([{ name: 'evil', version: '1.0.0' }], [createAdvisoryIndex([mal]), createAdvisoryIndex([ghsa])]);
    expect(matches).toHaveLength(1);
    const merged = matches[0]!.advisory;
    expect(merged.id).toBe('GHSA-aaaa-bbbb-cccc');
    expect(merged.summary).toBe(ghsa.summary);
    expect(merged.aliases).toEqual(['CVE-2025-0001', 'MAL-2025-1']);
    expect(merged.kind).toBe('malware'); // any member saying malware wins
    expect(merged.severity).toBe('critical');
    expect(merged.references).toEqual([...ghsa.references, ...mal.references]);
  });

  it('one match for the same id from two sources', () => {
    const a = advisory({ id: 'MAL-2025-7', affected: [{ name: 'x', versions: ['1.0.0'] }] });
    const b = advisory({ id: 'MAL-2025-7', references: ['https://example.test/x'], affected: [{ name: 'x', versions: ['1.0.0'] }] });
    const matches = matchPackages([{ name: 'x', version: '1.0.0' }], [createAdvisoryIndex([a]), createAdvisoryIndex([b])]);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.advisory.id).toBe('MAL-2025-7');
    expect(matches[0]!.advisory.references).toEqual(['https://example.test/x']);
    expect(matches[0]!.advisory.aliases).toEqual([]);
  });

  it('merges transitively (A names B, C names B) and keeps unrelated advisories apart', () => {
    const a = advisory({ id: 'A', aliases: ['B'], affected: [{ name: 'p', versions: ['1.0.0'] }] });
    const c = advisory({ id: 'C', aliases: ['B'], references: ['https://example.test/c'], affected: [{ name: 'p', versions: ['1.0.0'] }] });
    const d = advisory({ id: 'D', affected: [{ name: 'p', versions: ['1.0.0'] }] });
    const out = dedupeAdvisories([a, d, c]);
    expect(out.map((x) => x.id)).toEqual(['C', 'D']);
    expect(out[0]!.aliases).toEqual(['A', 'B']);
    expect(out[1]).toBe(d);
  });

  it('prefers curated text over an imported record when otherwise equal', () => {
    const osv = advisory({ id: 'GHSA-1', affected: [{ name: 'p', versions: ['1.0.0'] }] });
    const curated = advisory({ id: 'incident-1', source: 'curated', aliases: [], affected: [{ name: 'p', versions: ['1.0.0'] }] });
    const osvWithAlias = { ...osv, aliases: [] };
    const curatedNamingIt = { ...curated, aliases: ['GHSA-1'] };
    const out = dedupeAdvisories([osvWithAlias, curatedNamingIt]);
    expect(out.map((x) => [x.id, x.aliases])).toEqual([['incident-1', ['GHSA-1']]]);
  });

  it('keeps every member\'s affected versions, so merging never loses a match', () => {
    // A curated incident lists more versions than the CVE it names (node-ipc: wiper + peacenotwar).
    const curated = advisory({ id: 'node-ipc-2022-03', source: 'curated', aliases: ['CVE-2022-23812'], affected: [{ name: 'node-ipc', versions: ['10.1.1', '9.2.2'] }] });
    const cve = advisory({
      id: 'GHSA-97m3',
      aliases: ['CVE-2022-23812'],
      summary: 'a long, detailed, richer description',
      references: ['https://example.test/1', 'https://example.test/2'],
      affected: [{ name: 'node-ipc', ranges: [{ events: [{ introduced: '10.1.1' }, { fixed: '10.1.3' }] }] }],
    });
    const [merged] = dedupeAdvisories([curated, cve]);
    expect(merged!.id).toBe('GHSA-97m3');
    const index = createAdvisoryIndex([merged!]);
    const found = matchPackages(['10.1.1', '10.1.2', '9.2.2', '9.2.1'].map((version) => ({ name: 'node-ipc', version })), [index]);
    expect(found.map((m) => m.pkg.version)).toEqual(['10.1.1', '10.1.2', '9.2.2']);
  });

  it('returns the input objects when nothing is duplicated', () => {
    const list = [mal, advisory({ id: 'OTHER', affected: [] })];
    const out = dedupeAdvisories(list);
    expect(out[0]).toBe(list[0]);
    expect(out[1]).toBe(list[1]);
  });
});

describe('fixCandidates', () => {
  it('collects OSV fixed events and curated safe versions, ascending, for the name only', () => {
    const osv = advisory({
      id: 'GHSA-1',
      affected: [
        { name: 'lib', ranges: [{ events: [{ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.0.10' }] }] },
        { name: 'other', ranges: [{ events: [{ introduced: '0' }, { fixed: '9.9.9' }] }] },
      ],
    });
    const curated = advisory({ id: 'incident', source: 'curated', affected: [{ name: 'lib', versions: ['2.0.9'], safe: ['10.0.0'] }] });
    expect(fixCandidates('lib', [osv, curated])).toEqual(['1.2.0', '2.0.10', '10.0.0']);
    expect(fixCandidates('other', [osv, curated])).toEqual(['9.9.9']);
    expect(fixCandidates('none', [osv, curated])).toEqual([]);
  });

  it('drops a version that another advisory for the name affects', () => {
    const first = advisory({ id: 'A', affected: [{ name: 'lib', ranges: [{ events: [{ introduced: '0' }, { fixed: '1.5.0' }] }] }] });
    const second = advisory({ id: 'B', affected: [{ name: 'lib', ranges: [{ events: [{ introduced: '1.4.0' }, { fixed: '1.6.0' }] }] }] });
    expect(fixCandidates('lib', [first, second])).toEqual(['1.6.0']);
  });

  it('ignores last_affected and limit (they name no clean version) and invalid versions', () => {
    const a = advisory({
      id: 'A',
      affected: [{ name: 'lib', safe: ['not-a-version'], ranges: [{ events: [{ introduced: '0' }, { lastAffected: '1.0.0' }, { limit: '3.0.0' }] }] }],
    });
    expect(fixCandidates('lib', [a])).toEqual([]);
  });
});
