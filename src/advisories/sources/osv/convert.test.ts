import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertOsvRecord, type OsvConversion } from './convert.js';
import { cvss2BaseScore, cvss3BaseScore, rateCvss4, rateOsvSeverity } from './cvss.js';

const samples = join(__dirname, 'fixtures', 'mal-sample');
const sample = (file: string) => JSON.parse(readFileSync(join(samples, file), 'utf8')) as Record<string, unknown>;
const ok = (r: OsvConversion) => {
  if (r.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.advisory;
};

/** A minimal GHSA-shaped record; `over` replaces top-level fields. */
function ghsa(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'GHSA-aaaa-bbbb-cccc',
    modified: '2024-05-01T00:00:00Z',
    published: '2024-04-01T00:00:00Z',
    aliases: ['CVE-2024-0001'],
    summary: 'Prototype pollution in left-thing',
    details: 'Long text',
    affected: [{ package: { ecosystem: 'npm', name: 'left-thing' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }] }],
    database_specific: { severity: 'MODERATE', cwe_ids: ['CWE-1321'] },
    ...over,
  };
}

describe('convertOsvRecord on real MAL records', () => {
  it('converts the chalk 5.6.1 compromise: explicit version, malware, critical', () => {
    const a = ok(convertOsvRecord(sample('MAL-2025-46969__chalk.json')));
    expect(a).toEqual({
      id: 'MAL-2025-46969',
      aliases: ['GHSA-2v46-p5h4-248w'],
      source: 'osv',
      kind: 'malware',
      title: 'Malicious code in chalk (npm)',
      summary: 'The package was compromised and malicious code added.',
      severity: 'critical',
      published: '2025-09-08T17:11:19Z',
      modified: '2025-09-12T01:13:34Z',
      references: [
        'https://www.aikido.dev/blog/npm-debug-and-chalk-packages-compromised',
        'https://www.bleepingcomputer.com/news/security/hackers-hijack-npm-packages-with-2-billion-weekly-downloads-in-supply-chain-attack/',
        'https://github.com/advisories/GHSA-2v46-p5h4-248w',
      ],
      affected: [{ name: 'chalk', versions: ['5.6.1'] }],
    });
  });

  it('maps last_affected to lastAffected and keeps every range (Shai-Hulud, @ctrl/tinycolor)', () => {
    const a = ok(convertOsvRecord(sample('MAL-2025-47141__@ctrl__tinycolor.json')));
    expect(a.affected).toEqual([
      { name: '@ctrl/tinycolor', ranges: [{ events: [{ introduced: '0' }] }, { events: [{ introduced: '4.1.1' }, { lastAffected: '4.1.2' }] }] },
    ]);
    // No text above the per-source marker: the summary comes from the per-source section.
    expect(a.summary).toMatch(/^Any computer that has this package installed/);
  });

  it('keeps a range that starts at a version', () => {
    const a = ok(convertOsvRecord(sample('MAL-2022-219__@dydxprotocol__perpetual.json')));
    expect(a.affected).toEqual([{ name: '@dydxprotocol/perpetual', ranges: [{ events: [{ introduced: '1.2.2' }] }] }]);
  });

  it('skips every withdrawn record and converts every other sample', () => {
    const files = readdirSync(samples).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(60);
    for (const file of files) {
      const result = convertOsvRecord(sample(file));
      expect(result.status, file).toBe(file.endsWith('.withdrawn.json') ? 'withdrawn' : 'ok');
      if (result.status === 'ok') {
        expect(result.advisory.kind, file).toBe('malware');
        expect(result.advisory.severity, file).toBe('critical');
        expect(result.advisory.title.length, file).toBeGreaterThan(0);
        for (const aff of result.advisory.affected) expect(aff.versions ?? aff.ranges, file).toBeDefined();
      }
    }
  });
});

describe('convertOsvRecord on GHSA and other shapes', () => {
  const severityCases: Array<[string, Record<string, unknown>, string]> = [
    ['CRITICAL', { database_specific: { severity: 'CRITICAL' } }, 'critical'],
    ['HIGH', { database_specific: { severity: 'HIGH' } }, 'high'],
    ['MODERATE means medium', { database_specific: { severity: 'MODERATE' } }, 'medium'],
    ['LOW', { database_specific: { severity: 'LOW' } }, 'low'],
    ['a CVSS v3 vector when there is no rating', { database_specific: {}, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }, 'critical'],
    ['the highest of several vectors', { database_specific: {}, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N' }, { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:N' }] }, 'high'],
    ['a CVSS v2 vector', { database_specific: {}, severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:M/Au:N/C:N/I:P/A:N' }] }, 'medium'],
    ['a CVSS v4 vector', { database_specific: {}, severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] }, 'critical'],
    ['nothing to go on: medium', { database_specific: {}, severity: undefined }, 'medium'],
    ['a rating beats the vectors', { database_specific: { severity: 'LOW' }, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }, 'low'],
  ];
  it.each(severityCases)('severity from %s', (_name, over, expected) => {
    const a = ok(convertOsvRecord(ghsa(over)));
    expect(a.kind).toBe('vulnerability');
    expect(a.severity).toBe(expected);
  });

  it('converts a vulnerability with a fixed version', () => {
    const a = ok(convertOsvRecord(ghsa()));
    expect(a).toMatchObject({
      id: 'GHSA-aaaa-bbbb-cccc',
      aliases: ['CVE-2024-0001'],
      kind: 'vulnerability',
      severity: 'medium',
      title: 'Prototype pollution in left-thing',
      summary: 'Long text',
      affected: [{ name: 'left-thing', ranges: [{ events: [{ introduced: '0' }, { fixed: '1.2.3' }] }] }],
    });
  });

  const malwareCases: Array<[string, Record<string, unknown>]> = [
    ['an alias that is a MAL- id', { aliases: ['MAL-2024-1'] }],
    ['the malicious-packages provenance block', { database_specific: { 'malicious-packages-origins': [] } }],
    ['CWE-506 in cwe_ids', { database_specific: { severity: 'LOW', cwe_ids: ['CWE-506'] } }],
    ['CWE-506 on the affected entry', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'], database_specific: { cwes: [{ cweId: 'CWE-506' }] } }] }],
  ];
  it.each(malwareCases)('is malware when it has %s: critical whatever else it says', (_name, over) => {
    const a = ok(convertOsvRecord(ghsa(over)));
    expect(a.kind).toBe('malware');
    expect(a.severity).toBe('critical');
  });

  it('keeps only npm entries and SEMVER/ECOSYSTEM ranges; limit events stay', () => {
    const a = ok(convertOsvRecord(ghsa({
      affected: [
        { package: { ecosystem: 'PyPI', name: 'left-thing' }, versions: ['1.0'] },
        { package: { ecosystem: 'npm', name: 'left-thing' }, ranges: [
          { type: 'GIT', repo: 'https://example.test/r.git', events: [{ introduced: 'abc' }] },
          { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { limit: '3.0.0' }] },
        ], versions: ['2.0.0', '2.0.0', '2.1.0'] },
      ],
    })));
    expect(a.affected).toEqual([{ name: 'left-thing', versions: ['2.0.0', '2.1.0'], ranges: [{ events: [{ introduced: '2.0.0' }, { limit: '3.0.0' }] }] }]);
  });

  const skipCases: Array<[string, Record<string, unknown>, OsvConversion['status']]> = [
    ['another ecosystem only', { affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1'] }] }, 'not-npm'],
    ['no affected at all', { affected: undefined }, 'not-npm'],
    ['an npm entry with only a GIT range', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'GIT', events: [{ introduced: 'a' }] }] }] }, 'not-npm'],
    ['a range without introduced', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }] }] }, 'not-npm'],
    ['withdrawn', { withdrawn: '2024-06-01T00:00:00Z' }, 'withdrawn'],
    ['affected not a list', { affected: {} }, 'malformed'],
    ['versions not a list of strings', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: [1] }] }, 'malformed'],
    ['an unknown event', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { broken: '1' }] }] }] }, 'malformed'],
    ['a range without events', { affected: [{ package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER' }] }] }, 'malformed'],
    ['an npm package without a name', { affected: [{ package: { ecosystem: 'npm' }, versions: ['1.0.0'] }] }, 'malformed'],
    ['no modified date', { modified: undefined }, 'malformed'],
    ['no id', { id: undefined }, 'malformed'],
  ];
  it.each(skipCases)('%s -> %s', (_name, over, status) => {
    expect(convertOsvRecord(ghsa(over)).status).toBe(status);
  });

  it('calls a non-object malformed', () => {
    for (const value of [null, 1, 'x', [], [{}]]) expect(convertOsvRecord(value)).toMatchObject({ status: 'malformed', reason: 'not a JSON object' });
  });

  it('names the broken part', () => {
    expect(convertOsvRecord(ghsa({ affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: 'nope' }] }))).toEqual({
      status: 'malformed',
      id: 'GHSA-aaaa-bbbb-cccc',
      reason: 'affected[0]: "versions" is not a list of strings',
    });
  });

  it('titles a record without summary by the first line of its details, and clips long text', () => {
    const a = ok(convertOsvRecord(ghsa({ summary: undefined, details: '\n## Remote code execution\n\n' + 'x'.repeat(5000) })));
    expect(a.title).toBe('Remote code execution');
    expect(a.summary.length).toBeLessThanOrEqual(2000);
    expect(a.summary.endsWith('…')).toBe(true);
    expect(ok(convertOsvRecord(ghsa({ summary: undefined, details: undefined }))).title).toBe('GHSA-aaaa-bbbb-cccc');
  });

  it('uses modified as published when published is missing, and drops its own id from aliases', () => {
    const a = ok(convertOsvRecord(ghsa({ published: undefined, aliases: ['GHSA-aaaa-bbbb-cccc', 'CVE-1', 'CVE-1', 7] })));
    expect(a.published).toBe('2024-05-01T00:00:00Z');
    expect(a.aliases).toEqual(['CVE-1']);
  });
});

describe('CVSS', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ])('v3 %s = %s', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it.each([
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
    ['AV:L/AC:L/Au:N/C:C/I:C/A:C', 7.2],
  ])('v2 %s = %s', (vector, score) => {
    expect(cvss2BaseScore(vector)).toBe(score);
  });

  it('rejects broken vectors', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:X/AC:L')).toBeUndefined();
    expect(cvss2BaseScore('nonsense')).toBeUndefined();
    expect(rateCvss4('CVSS:4.0/AV:N')).toBeUndefined();
    expect(rateOsvSeverity('Ubuntu', 'medium')).toBeUndefined();
  });

  it('rates bare scores and v4 vectors', () => {
    expect(rateOsvSeverity('CVSS_V3', '9.1')).toBe('critical');
    expect(rateOsvSeverity('CVSS_V3', '3.9')).toBe('low');
    expect(rateCvss4('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toBe('low');
    expect(rateCvss4('CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N')).toBe('high');
    expect(rateCvss4('CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N')).toBe('medium');
  });
});
