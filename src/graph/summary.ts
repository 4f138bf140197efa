import type { PackageSource, SourceLocation } from '../core/index.js';
import type { PackageGraph, PkgNode } from './types.js';

/** One distinct name@version of a graph, with its instances' facts merged. */
export interface PackageSummary {
  name: string;
  version: string;
  /** Alias names it is installed under, sorted. */
  aliases: string[];
  source: PackageSource;
  resolved?: string;
  integrity?: string;
  /** Declared by an importer itself (in any of its instances). */
  direct: boolean;
  /** Every instance is dev-only / optional-only / peer-only. */
  dev: boolean;
  optional: boolean;
  peer: boolean;
  /** Some instance is bundled inside its dependent's tarball. */
  bundled: boolean;
  hasInstallScript: boolean;
  /** How many copies the lockfile or tree holds (nested duplicates). */
  instances: number;
  /** Where each instance is recorded (lockfile line, or package.json on disk). */
  locations: SourceLocation[];
}

/** The graph's distinct packages, sorted by name then version. */
export function summarizePackages(graph: PackageGraph): PackageSummary[] {
  const byId = new Map<string, PackageSummary>();
  for (const n of graph.nodes()) {
    const id = `${n.name}@${n.version}`;
    const direct = graph.edgesIn(n).some((e) => e.from.kind === 'importer');
    const seen = byId.get(id);
    if (!seen) {
      byId.set(id, fromNode(n, direct));
      continue;
    }
    seen.instances++;
    seen.direct ||= direct;
    seen.dev &&= n.dev;
    seen.optional &&= n.optional;
    seen.peer &&= n.peer;
    seen.bundled ||= n.bundled;
    seen.hasInstallScript ||= n.hasInstallScript;
    for (const a of n.aliases) if (!seen.aliases.includes(a)) seen.aliases.push(a);
    seen.resolved ??= n.resolved;
    seen.integrity ??= n.integrity;
    if (n.location) seen.locations.push(n.location);
  }
  const list = [...byId.values()];
  for (const p of list) p.aliases.sort();
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : compareVersions(a.version, b.version)));
}

function fromNode(n: PkgNode, direct: boolean): PackageSummary {
  const s: PackageSummary = {
    name: n.name,
    version: n.version,
    aliases: [...n.aliases],
    source: n.source,
    direct,
    dev: n.dev,
    optional: n.optional,
    peer: n.peer,
    bundled: n.bundled,
    hasInstallScript: n.hasInstallScript,
    instances: 1,
    locations: n.location ? [n.location] : [],
  };
  if (n.resolved !== undefined) s.resolved = n.resolved;
  if (n.integrity !== undefined) s.integrity = n.integrity;
  return s;
}

/** Plain string order is enough for a stable listing; numeric segments compare as numbers. */
function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
