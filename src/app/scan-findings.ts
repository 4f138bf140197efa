import type { Severity } from '../core/index.js';
import { isAffected, type Advisory } from '../advisories/index.js';
import { importersOf, isDirect, pathsTo, type DependencyPath, type PackageGraph, type PkgNode } from '../graph/index.js';
import { fixHint } from '../remediation/index.js';
import type { AdvisorySummary, ScanFinding } from '../report/index.js';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const rank = (s: Severity) => SEVERITY_ORDER.indexOf(s);

/** --all-paths still stops somewhere: a diamond-heavy graph can have millions of paths. */
const ALL_PATHS_LIMIT = 1000;

/**
 * Every package of the graph that an advisory covers, one finding per name@version (its
 * instances merged), each with how it got there and where to go. `advisoriesByName` holds every
 * advisory known for each name, affected or not: the fix hint needs them all.
 */
export function findingsFor(
  graph: PackageGraph,
  advisoriesByName: ReadonlyMap<string, readonly Advisory[]>,
  opts: { allPaths: boolean; showPath: (file: string) => string },
): ScanFinding[] {
  const hits = new Map<string, { nodes: PkgNode[]; advisories: Advisory[] }>();
  for (const [name, advisories] of advisoriesByName) {
    for (const node of graph.byName(name)) {
      const id = `${node.name}@${node.version}`;
      const hit = hits.get(id);
      if (hit) {
        hit.nodes.push(node);
        continue;
      }
      const affecting = advisories.filter((a) => a.affected.some((x) => x.name === name && isAffected(node.version, x)));
      if (affecting.length) hits.set(id, { nodes: [node], advisories: affecting });
    }
  }
  const findings = [...hits.values()].map(({ nodes, advisories }) =>
    finding(graph, nodes, advisories, advisoriesByName.get(nodes[0]!.name) ?? [], opts),
  );
  return findings.sort((a, b) => rank(a.severity) - rank(b.severity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.version < b.version ? -1 : 1));
}

function finding(
  graph: PackageGraph,
  nodes: PkgNode[],
  advisories: Advisory[],
  allForName: readonly Advisory[],
  opts: { allPaths: boolean; showPath: (file: string) => string },
): ScanFinding {
  const { name, version } = nodes[0]!;
  advisories.sort(bySeverityThenId);
  const importers = new Set<string>();
  for (const n of nodes) for (const i of importersOf(graph, n)) importers.add(i.path);
  const location = nodes.find((n) => n.location)?.location;
  return {
    name,
    version,
    ids: advisoryIds(advisories),
    advisories: advisories.map(summary),
    kind: advisories.some((a) => a.kind === 'malware') ? 'malicious' : 'vulnerable',
    severity: advisories[0]!.severity,
    direct: nodes.some((n) => isDirect(graph, n)),
    devOnly: nodes.every((n) => n.dev),
    importers: [...importers].sort(),
    paths: dependencyPaths(graph, nodes, opts.allPaths),
    location: location ? { file: opts.showPath(location.file), ...(location.line ? { line: location.line } : {}) } : null,
    fix: fixHint(graph, nodes, allForName),
    references: [...new Set(advisories.flatMap((a) => a.references))],
  };
}

/** Most severe first, then by id: the first advisory gives a finding its severity. */
export function bySeverityThenId(a: Advisory, b: Advisory): number {
  return rank(a.severity) - rank(b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The advisories' own ids in their order, then their aliases (CVE, GHSA, ...) sorted. */
export function advisoryIds(advisories: readonly Advisory[]): string[] {
  const primary = advisories.map((a) => a.id);
  const aliases = [...new Set(advisories.flatMap((a) => a.aliases))].filter((a) => !primary.includes(a)).sort();
  return [...primary, ...aliases];
}

function summary(a: Advisory): AdvisorySummary {
  return { id: a.id, aliases: a.aliases, source: a.source, kind: a.kind, title: a.title, severity: a.severity, references: a.references };
}

/** The shortest path to each instance (every path with `all`), shortest first, as labels. */
function dependencyPaths(graph: PackageGraph, nodes: PkgNode[], all: boolean): string[][] {
  const found: DependencyPath[] = [];
  for (const n of nodes) found.push(...pathsTo(graph, n, all ? ALL_PATHS_LIMIT : 1));
  found.sort((a, b) => a.length - b.length);
  const labelled = found.map((path) => [
    importerLabel(path[0]!.from),
    ...path.map((e) => (e.to && e.to.kind === 'package' ? `${e.to.name}@${e.to.version}` : e.name)),
  ]);
  const seen = new Set<string>();
  return labelled.filter((p) => {
    const key = p.join('\u0000');
    return !seen.has(key) && seen.add(key);
  });
}

function importerLabel(v: DependencyPath[number]['from']): string {
  if (v.kind === 'package') return `${v.name}@${v.version}`;
  return v.path === '' ? 'root' : v.path;
}
