import type { PackageSource, SourceLocation } from '../core/index.js';
import type { Importer, PackageGraph, PkgNode } from './types.js';

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
  const directs = new Set<PkgNode | Importer>();
  for (const imp of graph.importers) for (const e of graph.edgesOut(imp)) if (e.to) directs.add(e.to);
  for (const n of graph.nodes()) {
    const id = `${n.name}@${n.version}`;
    const direct = directs.has(n);
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

/**
 * Orders versions for display: runs of digits compare as numbers (1.10.0 after 1.9.0), the rest
 * by character. Hand-written because an Intl collator costs more to create than a small inventory.
 */
export function compareVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let zeros = 0; // '01' and '1' are the same number: leading zeros only break a tie at the end
  while (i < a.length && j < b.length) {
    if (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      const si = i;
      const sj = j;
      while (i < a.length && a.charCodeAt(i) === 48) i++;
      while (j < b.length && b.charCodeAt(j) === 48) j++;
      const zi = i;
      const zj = j;
      while (i < a.length && isDigit(a.charCodeAt(i))) i++;
      while (j < b.length && isDigit(b.charCodeAt(j))) j++;
      // Without leading zeros, a longer run of digits is a larger number; equal lengths compare as text.
      const diff = i - zi - (j - zj) || (a.slice(zi, i) < b.slice(zj, j) ? -1 : a.slice(zi, i) > b.slice(zj, j) ? 1 : 0);
      if (diff !== 0) return diff;
      zeros ||= zi - si - (zj - sj);
      continue;
    }
    const diff = a.charCodeAt(i) - b.charCodeAt(j);
    if (diff !== 0) return diff;
    i++;
    j++;
  }
  return a.length - i - (b.length - j) || zeros;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
