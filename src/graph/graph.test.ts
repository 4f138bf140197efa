import { describe, expect, it } from 'vitest';
import { buildGraph, compareVersions, findPackages, importersOf, isDirect, pathsTo, printGraph, type GraphInput, type PkgNode } from './index.js';

const pkg = (key: string, name: string, version: string) => ({ key, name, version, source: 'registry' as const });

function sample(): GraphInput {
  return {
    manager: 'npm',
    formatVersion: '3',
    importers: [
      { key: 'importer:', path: '', name: 'app' },
      { key: 'importer:packages/lib', path: 'packages/lib', name: '@app/lib', version: '1.0.0' },
    ],
    packages: [
      pkg('express', 'express', '4.21.2'),
      pkg('debug', 'debug', '2.6.9'),
      pkg('ms', 'ms', '2.0.0'),
      pkg('jest', 'jest', '29.7.0'),
      pkg('jest/debug', 'debug', '4.3.4'),
      pkg('lodash-legacy', 'lodash', '4.17.15'),
      pkg('fsevents', 'fsevents', '2.3.3'),
      pkg('react', 'react', '18.2.0'),
      pkg('react-dom', 'react-dom', '18.2.0'),
      pkg('a', 'a', '1.0.0'),
      pkg('b', 'b', '1.0.0'),
      pkg('stale', 'stale', '0.0.1'),
    ],
    edges: [
      { from: 'importer:', to: 'express', name: 'express', spec: '^4.21.0', type: 'prod' },
      { from: 'importer:', to: 'jest', name: 'jest', spec: '29.7.0', type: 'dev' },
      { from: 'importer:', to: 'lodash-legacy', name: 'lodash-legacy', spec: 'npm:lodash@4.17.15', type: 'prod' },
      { from: 'importer:', to: 'fsevents', name: 'fsevents', spec: '^2.3.2', type: 'optional' },
      { from: 'importer:', to: 'importer:packages/lib', name: '@app/lib', spec: '*', type: 'workspace' },
      { from: 'importer:packages/lib', to: 'react-dom', name: 'react-dom', spec: '18.2.0', type: 'prod' },
      { from: 'react-dom', to: 'react', name: 'react', spec: '^18.2.0', type: 'peer' },
      { from: 'importer:packages/lib', to: 'a', name: 'a', spec: '1', type: 'prod' },
      { from: 'a', to: 'b', name: 'b', spec: '1', type: 'prod' },
      { from: 'b', to: 'a', name: 'a', spec: '1', type: 'prod' },
      { from: 'b', to: 'debug', name: 'debug', spec: '^2.6.0', type: 'prod' },
      { from: 'express', to: 'debug', name: 'debug', spec: '2.6.9', type: 'prod' },
      { from: 'debug', to: 'ms', name: 'ms', spec: '2.0.0', type: 'prod' },
      { from: 'jest', to: 'jest/debug', name: 'debug', spec: '^4.3.0', type: 'prod' },
      { from: 'jest/debug', to: 'ms', name: 'ms', spec: '^2.0.0', type: 'prod' },
      { from: 'jest', to: null, name: 'left-pad', spec: '^1.0.0', type: 'prod' },
      { from: 'jest', to: null, name: 'fsevents', spec: '^2.0.0', type: 'optional' },
    ],
  };
}

const node = (g: ReturnType<typeof buildGraph>['graph'], key: string) => g.get(key) as PkgNode;

describe('buildGraph', () => {
  const { graph, diagnostics } = buildGraph(sample());

  it('keeps importers apart from packages', () => {
    expect(graph.importers.map((i) => i.path)).toEqual(['', 'packages/lib']);
    expect([...graph.nodes()].some((n) => n.name === '@app/lib')).toBe(false);
    expect(diagnostics).toEqual([]);
  });

  it('derives dev, optional and peer from reachability', () => {
    expect(node(graph, 'jest').dev).toBe(true);
    expect(node(graph, 'jest/debug').dev).toBe(true);
    // ms is reached through express (prod) as well as jest (dev): not dev-only.
    expect(node(graph, 'ms').dev).toBe(false);
    expect(node(graph, 'express').dev).toBe(false);
    expect(node(graph, 'fsevents').optional).toBe(true);
    expect(node(graph, 'express').optional).toBe(false);
    expect(node(graph, 'react').peer).toBe(true);
    expect(node(graph, 'react-dom').peer).toBe(false);
    expect(node(graph, 'stale').extraneous).toBe(true);
    expect(node(graph, 'express').extraneous).toBe(false);
  });

  it('keeps the alias beside the real name', () => {
    const lodash = graph.byName('lodash');
    expect(lodash.map((n) => `${n.name}@${n.version}`)).toEqual(['lodash@4.17.15']);
    expect(lodash[0]!.aliases).toEqual(['lodash-legacy']);
    expect(graph.byName('lodash-legacy')).toEqual([]);
    expect(graph.byAlias('lodash-legacy')).toEqual(lodash);
  });

  it('marks required unresolved edges MISSING but not skipped optional ones', () => {
    const edges = graph.edgesOut(node(graph, 'jest'));
    expect(edges.find((e) => e.name === 'left-pad')?.problem).toBe('MISSING');
    expect(edges.find((e) => e.name === 'fsevents')?.problem).toBeUndefined();
  });

  it('reports duplicate keys and dangling edges as diagnostics', () => {
    const input = sample();
    input.packages.push(pkg('ms', 'ms', '9.9.9'));
    input.edges.push({ from: 'nope', to: 'ms', name: 'ms', spec: '*', type: 'prod' });
    input.edges.push({ from: 'express', to: 'nowhere', name: 'x', spec: '*', type: 'prod' });
    const { diagnostics: d } = buildGraph(input);
    expect(d.map((x) => x.code)).toEqual(['graph/duplicate-key', 'graph/unknown-dependent', 'graph/unknown-dependency']);
  });
});

describe('queries', () => {
  const { graph } = buildGraph(sample());

  it('finds by name, version and range', () => {
    const v = (ns: PkgNode[]) => ns.map((n) => n.version).sort();
    expect(v(findPackages(graph, 'debug'))).toEqual(['2.6.9', '4.3.4']);
    expect(v(findPackages(graph, 'debug', '4.3.4'))).toEqual(['4.3.4']);
    expect(v(findPackages(graph, 'debug', '^2'))).toEqual(['2.6.9']);
    expect(v(findPackages(graph, 'debug', '>=5'))).toEqual([]);
    expect(v(findPackages(graph, 'lodash-legacy'))).toEqual([]);
    expect(v(findPackages(graph, 'lodash-legacy', undefined, { includeAliases: true }))).toEqual(['4.17.15']);
  });

  it('compares versions that are not semver as written, without throwing', () => {
    const input = sample();
    input.packages.push({ ...pkg('local', 'local-lib', 'link:./local-lib'), source: 'link' });
    const { graph: g } = buildGraph(input);
    expect(findPackages(g, 'local-lib', 'link:./local-lib')).toHaveLength(1);
    expect(findPackages(g, 'local-lib', '^1')).toHaveLength(0);
    expect(findPackages(g, 'local-lib', '*')).toHaveLength(1);
  });

  it('tells direct from transitive', () => {
    expect(isDirect(graph, node(graph, 'express'))).toBe(true);
    expect(isDirect(graph, node(graph, 'debug'))).toBe(false);
  });

  it('lists every path from an importer, shortest first, through cycles', () => {
    const paths = pathsTo(graph, node(graph, 'ms')).map((p) => p.map((e) => `${e.from.key}>${e.name}@${e.spec}`).join(' '));
    expect(paths).toEqual([
      'importer:>express@^4.21.0 express>debug@2.6.9 debug>ms@2.0.0',
      'importer:>jest@29.7.0 jest>debug@^4.3.0 jest/debug>ms@^2.0.0',
      'importer:packages/lib>a@1 a>b@1 b>debug@^2.6.0 debug>ms@2.0.0',
    ]);
    expect(pathsTo(graph, node(graph, 'ms'), 1)).toHaveLength(1);
  });

  it('names the importers a node is reachable from', () => {
    expect(importersOf(graph, node(graph, 'debug')).map((i) => i.path)).toEqual(['', 'packages/lib']);
    expect(importersOf(graph, node(graph, 'jest/debug')).map((i) => i.path)).toEqual(['']);
  });

  it('stays bounded on a dense graph', () => {
    const layers = 12;
    const width = 6;
    const input: GraphInput = { manager: 'npm', formatVersion: '3', importers: [{ key: 'r', path: '' }], packages: [], edges: [] };
    for (let l = 0; l < layers; l++) for (let w = 0; w < width; w++) input.packages.push(pkg(`n${l}-${w}`, `n${l}-${w}`, '1.0.0'));
    input.packages.push(pkg('t', 't', '1.0.0'));
    for (let w = 0; w < width; w++) input.edges.push({ from: 'r', to: `n0-${w}`, name: `n0-${w}`, spec: '1', type: 'prod' });
    for (let l = 0; l + 1 < layers; l++)
      for (let a = 0; a < width; a++)
        for (let b = 0; b < width; b++) input.edges.push({ from: `n${l}-${a}`, to: `n${l + 1}-${b}`, name: `n${l + 1}-${b}`, spec: '1', type: 'prod' });
    for (let w = 0; w < width; w++) input.edges.push({ from: `n${layers - 1}-${w}`, to: 't', name: 't', spec: '1', type: 'prod' });
    const { graph: dense } = buildGraph(input);
    const paths = pathsTo(dense, dense.get('t') as PkgNode, 50);
    expect(paths).toHaveLength(50);
    expect(paths.every((p) => p.length === layers + 1)).toBe(true);
  });
});

describe('printGraph', () => {
  it('is independent of input order', () => {
    const a = sample();
    const b = sample();
    b.packages.reverse();
    b.edges.reverse();
    expect(printGraph(buildGraph(b).graph)).toBe(printGraph(buildGraph(a).graph));
    expect(printGraph(buildGraph(a).graph)).toContain('lodash-legacy = lodash@4.17.15 registry aka lodash-legacy');
  });
});

describe('compareVersions', () => {
  it('orders digit runs as numbers and the rest as text', () => {
    const sorted = ['1.10.0', '1.9.0', '1.9.0-beta.10', '1.9.0-beta.2', '10.0.0', '2.0.0', '01.0.0', 'link:./x', '1.9'].sort(compareVersions);
    expect(sorted).toEqual(['01.0.0', '1.9', '1.9.0', '1.9.0-beta.2', '1.9.0-beta.10', '1.10.0', '2.0.0', '10.0.0', 'link:./x']);
    expect(compareVersions('1.0.0', '01.0.0')).toBeLessThan(0); // equal numbers: fewer zeros first
  });
});
