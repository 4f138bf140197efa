import type { PackageRef, Severity } from '../core/index.js';
import { isAffected, knownGoodVersions, parseVersion } from './range.js';
import type { Advisory, AdvisoryIndex, AdvisoryMatch } from './types.js';

/**
 * Every (package, advisory) pair where the package's version is affected. Work scales with the
 * packages: each index is asked once for all distinct names, and a package is only checked
 * against the advisories filed under its own name.
 *
 * A name@version given several times (the same package at many places in a tree) is matched
 * once. Advisories that are one and the same (sharing an id or alias, within or across indexes)
 * are reported once per package, see dedupeAdvisories. Order: packages as first given,
 * advisories by id.
 */
export function matchPackages(refs: Iterable<PackageRef>, indexes: readonly AdvisoryIndex[]): AdvisoryMatch[] {
  const distinct = new Map<string, PackageRef>();
  for (const ref of refs) {
    const key = `${ref.name}@${ref.version}`;
    if (!distinct.has(key)) distinct.set(key, ref);
  }
  const names = new Set<string>();
  for (const ref of distinct.values()) names.add(ref.name);
  const found = indexes.map((index) => index.lookup(names));

  const matches: AdvisoryMatch[] = [];
  for (const pkg of distinct.values()) {
    const hits: Advisory[] = [];
    for (const byName of found) {
      for (const advisory of byName.get(pkg.name) ?? []) {
        if (affects(advisory, pkg)) hits.push(advisory);
      }
    }
    if (hits.length === 0) continue;
    const unique = hits.length === 1 ? hits : dedupeAdvisories(hits).sort((a, b) => compareStrings(a.id, b.id));
    for (const advisory of unique) matches.push({ advisory, pkg });
  }
  return matches;
}

function affects(advisory: Advisory, pkg: PackageRef): boolean {
  return advisory.affected.some((entry) => entry.name === pkg.name && isAffected(pkg.version, entry));
}

/**
 * Merges advisories that describe the same thing: two share an id or an alias (an OSV MAL record
 * and its GHSA alias, a curated incident naming the GHSA, the same record from two sources).
 * Sharing is transitive. Of each group the richest advisory (see richness) gives id, title,
 * summary and dates; the group's other ids and aliases become its aliases, and severity is the
 * group's highest, kind 'malware' when any member says so. `affected` and `references` are the
 * union of the group's, so a version affected by any member is affected by the merged advisory:
 * merging before or after matching gives the same matches. Advisories without a duplicate come
 * back unchanged (same object); groups keep the order in which they were first seen.
 */
export function dedupeAdvisories(advisories: readonly Advisory[]): Advisory[] {
  const parent = advisories.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  advisories.forEach((advisory, i) => {
    for (const id of [advisory.id, ...advisory.aliases]) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });

  const groups = new Map<number, Advisory[]>();
  advisories.forEach((advisory, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(advisory);
    else groups.set(root, [advisory]);
  });
  return [...groups.values()].map((group) => (group.length === 1 ? group[0]! : merge(group)));
}

function merge(group: Advisory[]): Advisory {
  const kept = group.reduce((best, a) => (richness(a, best) > 0 ? a : best));
  const ids = new Set<string>();
  for (const a of group) for (const id of [a.id, ...a.aliases]) ids.add(id);
  ids.delete(kept.id);
  const others = group.filter((a) => a !== kept);
  return {
    ...kept,
    aliases: [...ids].sort(compareStrings),
    severity: group.reduce<Severity>((s, a) => (severityRank[a.severity] > severityRank[s] ? a.severity : s), kept.severity),
    kind: group.some((a) => a.kind === 'malware') ? 'malware' : kept.kind,
    references: [...new Set([...kept.references, ...others.flatMap((a) => a.references)])],
    affected: [...kept.affected, ...others.flatMap((a) => a.affected)],
  };
}

/**
 * > 0 when `a` tells a reader more than `b`: more references and aliases, then a longer summary,
 * then our own curated text over an imported record, then the smaller id (only for a stable result).
 */
function richness(a: Advisory, b: Advisory): number {
  return (
    a.references.length + a.aliases.length - (b.references.length + b.aliases.length) ||
    a.summary.length - b.summary.length ||
    (a.source === b.source ? 0 : a.source === 'curated' ? 1 : -1) ||
    compareStrings(b.id, a.id)
  );
}

const severityRank: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/**
 * Versions of `name` the advisories know to be clean (OSV `fixed` events, curated `safe`
 * versions) and that none of the given advisories affects, ascending by semver. The scan picks
 * its fix hint from these: the nearest one the dependents' ranges allow. Pass every advisory
 * known for the name (not just the matched ones) so that a version fixed for one advisory but
 * hit by another is not offered.
 */
export function fixCandidates(name: string, advisories: Iterable<Advisory>): string[] {
  const entries = [...advisories].flatMap((a) => a.affected.filter((entry) => entry.name === name));
  const candidates = new Set<string>();
  for (const entry of entries) for (const version of knownGoodVersions(entry)) candidates.add(version);
  const clean: Array<{ version: string; parsed: NonNullable<ReturnType<typeof parseVersion>> }> = [];
  for (const version of candidates) {
    const parsed = parseVersion(version);
    if (parsed === null || parsed.version !== version) continue; // not an installable exact version
    if (entries.some((entry) => isAffected(version, entry))) continue;
    clean.push({ version, parsed });
  }
  return clean.sort((a, b) => a.parsed.compare(b.parsed)).map((c) => c.version);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
