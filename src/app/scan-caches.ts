import type { ReadonlyFs } from '../core/index.js';
import { isAffected, type Advisory } from '../advisories/index.js';
import { defaultCacheLocations, readCaches, type CacheEntry } from '../caches/index.js';
import type { CacheFinding } from '../report/index.js';
import { advisoryIds, bySeverityThenId } from './scan-findings.js';

/** Where the user's package managers keep their caches: this machine's settings. */
export interface CacheEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: string;
  uid?: number;
}

type Lookup = (names: Set<string>) => Map<string, Advisory[]>;

/**
 * Compromised versions that reached this machine: every package version in npm's, pnpm's and
 * yarn's caches (each scanned project's own yarn cache too) that a malware advisory covers, with
 * when it was fetched. Only malware: a cache keeps every version ever installed, and old
 * vulnerable ones there are history, not an incident. Packument-only entries name no version.
 */
export async function findInCaches(
  where: CacheEnvironment,
  projectRoots: readonly string[],
  lookup: Lookup,
  fs: ReadonlyFs,
): Promise<CacheFinding[]> {
  const locations = defaultCacheLocations({ ...where, projectRoots });
  const { entries } = await readCaches(locations, fs, { keep: (e) => e.version !== null });
  const advisories = lookup(new Set(entries.flatMap(namesOf)));
  const findings = new Map<string, CacheFinding>();
  for (const entry of entries) {
    for (const name of namesOf(entry)) {
      const hits = (advisories.get(name) ?? []).filter(
        (a) => a.kind === 'malware' && a.affected.some((x) => x.name === name && isAffected(entry.version!, x)),
      );
      if (hits.length === 0) continue;
      const finding = toFinding(entry, name, hits);
      const key = `${finding.cache}\u0000${finding.path}\u0000${name}`;
      if (!findings.has(key)) findings.set(key, finding);
    }
  }
  return [...findings.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.path < b.path ? -1 : 1));
}

/** A yarn 2+ archive of a scoped package may stand for several names: match each. */
function namesOf(entry: CacheEntry): string[] {
  return entry.nameCandidates ?? [entry.name];
}

function toFinding(entry: CacheEntry, name: string, advisories: Advisory[]): CacheFinding {
  advisories.sort(bySeverityThenId);
  return {
    name,
    version: entry.version!,
    ids: advisoryIds(advisories),
    severity: advisories[0]!.severity,
    cache: entry.cache,
    path: entry.path,
    fetchedAt: entry.fetchedAt,
  };
}
