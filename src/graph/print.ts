import type { PackageGraph, Vertex } from './types.js';

/**
 * A deterministic, line-per-fact rendering of a graph for snapshot tests: the same graph
 * always prints the same text, whatever order the reader produced it in.
 */
export function printGraph(graph: PackageGraph): string {
  const lines: string[] = [`${graph.manager} ${graph.formatVersion}`];
  for (const imp of [...graph.importers].sort(byKey)) {
    lines.push(`importer ${imp.path || '.'}${imp.name ? ` (${imp.name}${imp.version ? `@${imp.version}` : ''})` : ''}`);
    lines.push(...edgeLines(graph, imp));
  }
  for (const n of [...graph.nodes()].sort(byKey)) {
    const flags = (['dev', 'optional', 'peer', 'bundled', 'extraneous'] as const).filter((f) => n[f]);
    if (n.hasInstallScript) flags.push('install-script' as never);
    const alias = n.aliases.length ? ` aka ${n.aliases.join(',')}` : '';
    lines.push(`${n.key} = ${n.name}@${n.version} ${n.source}${alias}${flags.length ? ` [${flags.join(' ')}]` : ''}`);
    lines.push(...edgeLines(graph, n));
  }
  return lines.join('\n') + '\n';
}

function edgeLines(graph: PackageGraph, v: Vertex): string[] {
  return graph
    .edgesOut(v)
    .map((e) => `  ${e.type} ${e.name}@${e.spec} -> ${e.to ? e.to.key : '(unresolved)'}${e.problem ? ` ${e.problem}` : ''}`)
    .sort();
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
