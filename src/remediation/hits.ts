import { fixCandidates, isAffected, type Advisory } from '../advisories/index.js';
import type { Edge, PackageGraph, PkgNode } from '../graph/index.js';
import { chooseTarget } from './choose.js';
import { semver } from './semver.js';
import type { DependencySection, DirectDeclaration, FixTarget, Hit } from './types.js';

const SECTIONS: Partial<Record<Edge['type'], DependencySection>> = { prod: 'dependencies', dev: 'devDependencies', optional: 'optionalDependencies' };

/**
 * Every package name of the graph with an affected version, one Hit per name (an override pins
 * every copy of a name at once). `advisoriesByName` holds every advisory known for each name,
 * affected or not. Sorted by name.
 */
export function affectedHits(graph: PackageGraph, advisoriesByName: ReadonlyMap<string, readonly Advisory[]>): Hit[] {
  const hits: Hit[] = [];
  for (const [name, advisories] of advisoriesByName) {
    const nodes = graph.byName(name);
    const affectedNodes = nodes.filter((n) => advisories.some((a) => a.affected.some((x) => x.name === name && isAffected(n.version, x))));
    if (affectedNodes.length === 0) continue;
    const versions = [...new Set(affectedNodes.map((n) => n.version))];
    const affecting = advisories.filter((a) => a.affected.some((x) => x.name === name && versions.some((v) => isAffected(v, x))));
    const direct: DirectDeclaration[] = [];
    let transitive = false;
    for (const n of affectedNodes) {
      for (const e of graph.edgesIn(n)) {
        const section = SECTIONS[e.type];
        if (e.from.kind === 'importer' && section) direct.push({ importer: e.from.path, section, key: e.name, spec: e.spec });
        else transitive = true;
      }
    }
    hits.push({
      name,
      versions: sortVersions(versions),
      advisories,
      affecting,
      ranges: dependentRanges(graph, affectedNodes),
      direct: dedupeDeclarations(direct),
      transitive,
      otherVersions: sortVersions([...new Set(nodes.map((n) => n.version))].filter((v) => !versions.includes(v))),
    });
  }
  return hits.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The offline fix hint `chainwatch scan` shows for one name@version: the same choice `fix` makes,
 * among the versions the data knows without a registry (advisories' fixed and safe versions,
 * other copies in this graph) and with no release-age policy (no publish times to apply it to).
 */
export function fixHint(graph: PackageGraph, nodes: readonly PkgNode[], allForName: readonly Advisory[]): FixTarget | null {
  const { name, version } = nodes[0]!;
  const known = new Set(fixCandidates(name, allForName));
  for (const other of graph.byName(name)) known.add(other.version);
  return chooseTarget({
    name,
    affected: [version],
    advisories: allForName,
    candidates: [...known].map((v) => ({ version: v })),
    ranges: dependentRanges(graph, nodes),
    releaseAgeMs: 0,
    now: 0,
  });
}

/** What each dependent asked for, with `npm:name@` (an alias) or `npm:` (yarn berry's plain range) stripped. */
function dependentRanges(graph: PackageGraph, nodes: readonly PkgNode[]): string[] {
  const ranges = new Set<string>();
  for (const n of nodes) {
    for (const e of graph.edgesIn(n)) {
      const spec = e.spec.startsWith('npm:') ? e.spec.slice(4) : e.spec;
      ranges.add(spec.lastIndexOf('@') > 0 ? spec.slice(spec.lastIndexOf('@') + 1) : spec);
    }
  }
  return [...ranges].sort();
}

function dedupeDeclarations(list: DirectDeclaration[]): DirectDeclaration[] {
  const seen = new Map<string, DirectDeclaration>();
  for (const d of list) seen.set(`${d.importer}\u0000${d.section}\u0000${d.key}`, d);
  return [...seen.values()].sort((a, b) => (a.importer < b.importer ? -1 : a.importer > b.importer ? 1 : a.section < b.section ? -1 : a.section > b.section ? 1 : 0));
}

function sortVersions(versions: string[]): string[] {
  const { valid, compare } = semver();
  return versions.sort((a, b) => (valid(a) && valid(b) ? compare(a, b) : a < b ? -1 : a > b ? 1 : 0));
}
