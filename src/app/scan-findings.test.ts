import { describe, expect, it } from 'vitest';
import type { Advisory } from '../advisories/index.js';
import { buildGraph, type GraphInput } from '../graph/index.js';
import { findingsFor } from './scan-findings.js';

// A workspace monorepo as a reader would give it: the root and two workspaces, `web` reaching the
// bad `evil@1.0.1` through `logger`, `api` declaring it directly as a devDependency, and a clean
// `evil@1.0.0` elsewhere in the tree.
const input: GraphInput = {
  manager: 'npm',
  formatVersion: '3',
  importers: [
    { key: 'importer:', path: '' },
    { key: 'importer:web', path: 'web', name: 'web' },
    { key: 'importer:api', path: 'api', name: 'api' },
  ],
  packages: [
    { key: 'logger', name: 'logger', version: '2.0.0', source: 'registry' },
    { key: 'evil@1.0.1', name: 'evil', version: '1.0.1', source: 'registry', location: { file: '/p/package-lock.json', line: 40 } },
    { key: 'evil@1.0.1#2', name: 'evil', version: '1.0.1', source: 'registry', location: { file: '/p/package-lock.json', line: 55 } },
    { key: 'old', name: 'old', version: '1.0.0', source: 'registry' },
    { key: 'evil@1.0.0', name: 'evil', version: '1.0.0', source: 'registry' },
  ],
  edges: [
    { from: 'importer:', to: 'importer:web', name: 'web', spec: 'file:web', type: 'workspace' },
    { from: 'importer:', to: 'importer:api', name: 'api', spec: 'file:api', type: 'workspace' },
    { from: 'importer:web', to: 'logger', name: 'logger', spec: '^2.0.0', type: 'prod' },
    { from: 'logger', to: 'evil@1.0.1', name: 'evil', spec: '^1.0.0', type: 'prod' },
    { from: 'importer:api', to: 'evil@1.0.1#2', name: 'evil', spec: '~1.0.0', type: 'dev' },
    { from: 'importer:web', to: 'old', name: 'old', spec: '1.0.0', type: 'prod' },
    { from: 'old', to: 'evil@1.0.0', name: 'evil', spec: '1.0.0', type: 'prod' },
  ],
};

function advisory(over: Partial<Advisory> & Pick<Advisory, 'id' | 'affected'>): Advisory {
  return {
    aliases: [],
    source: 'osv',
    kind: 'malware',
    title: over.id,
    summary: '',
    severity: 'critical',
    published: '2025-01-01T00:00:00Z',
    modified: '2025-01-01T00:00:00Z',
    references: [],
    ...over,
  };
}

const scanWith = (advisories: Advisory[], allPaths = false) => {
  const { graph } = buildGraph(input);
  return findingsFor(graph, new Map([['evil', advisories]]), { allPaths, showPath: (p) => p.replace('/p/', '') });
};

describe('findingsFor', () => {
  it('merges the instances of one name@version into one finding', () => {
    const [f, ...rest] = scanWith([advisory({ id: 'MAL-1', aliases: ['GHSA-x'], affected: [{ name: 'evil', versions: ['1.0.1'] }] })]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      name: 'evil',
      version: '1.0.1',
      ids: ['MAL-1', 'GHSA-x'],
      kind: 'malicious',
      severity: 'critical',
      direct: true,
      devOnly: false, // the instance under web is prod
      importers: ['api', 'web'],
      location: { file: 'package-lock.json', line: 40 },
    });
    expect(f!.paths).toEqual([
      ['api', 'evil@1.0.1'],
      ['web', 'logger@2.0.0', 'evil@1.0.1'],
    ]);
  });

  it('offers the clean version the dependents allow, else one outside their ranges', () => {
    // 1.0.0 is in the tree and unaffected, and every dependent's range (^1.0.0, ~1.0.0) allows it.
    expect(scanWith([advisory({ id: 'A', affected: [{ name: 'evil', versions: ['1.0.1'] }] })])[0]!.fix).toEqual({ version: '1.0.0', inRange: true });
    // A fixed version above wins over the clean one below when both are allowed.
    const fixed = advisory({ id: 'B', kind: 'vulnerability', affected: [{ name: 'evil', ranges: [{ events: [{ introduced: '1.0.1' }, { fixed: '1.0.4' }] }] }] });
    expect(scanWith([fixed])[0]!.fix).toEqual({ version: '1.0.4', inRange: true });
    // 2.0.0 is outside ~1.0.0 and ^1.0.0, and 1.0.0 is affected too: an override outside the ranges.
    const all1 = advisory({ id: 'C', affected: [{ name: 'evil', ranges: [{ events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }] });
    expect(scanWith([all1])[0]!.fix).toEqual({ version: '2.0.0', inRange: false });
  });

  it('knows no fix when the data names no clean version', () => {
    const all = advisory({ id: 'D', affected: [{ name: 'evil', ranges: [{ events: [{ introduced: '0' }] }] }] });
    const findings = scanWith([all]);
    expect(findings.map((f) => `${f.name}@${f.version}`)).toEqual(['evil@1.0.0', 'evil@1.0.1']);
    expect(findings.every((f) => f.fix === null)).toBe(true);
  });

  it('takes the highest severity, malware over vulnerability, and unions references', () => {
    const [f] = scanWith([
      advisory({ id: 'GHSA-low', kind: 'vulnerability', severity: 'low', references: ['https://a.test'], affected: [{ name: 'evil', versions: ['1.0.1'] }] }),
      advisory({ id: 'GHSA-high', kind: 'vulnerability', severity: 'high', references: ['https://b.test'], affected: [{ name: 'evil', versions: ['1.0.1'] }] }),
    ]);
    expect(f).toMatchObject({ kind: 'vulnerable', severity: 'high', ids: ['GHSA-high', 'GHSA-low'] });
    expect(f!.references.sort()).toEqual(['https://a.test', 'https://b.test']);
  });

  it('lists only unaffected packages as clean: an advisory for other versions finds nothing', () => {
    expect(scanWith([advisory({ id: 'E', affected: [{ name: 'evil', versions: ['9.9.9'] }] })])).toEqual([]);
  });
});
