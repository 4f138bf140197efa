import { ErrorCodes, isToolError } from '../core/index.js';
import { fixCandidates } from '../advisories/index.js';
import { fetchPackument, type NpmConfig } from '../registry/index.js';
import type { Hit, VersionCandidate } from '../remediation/index.js';

export interface CandidateVersions {
  candidates: VersionCandidate[];
  /** registry: every published version with its publish time; offline: what the lockfile and the advisories know. */
  source: 'registry' | 'offline';
  /** Why the registry was not used although it was asked (the offline data stood in). */
  note?: string;
}

/**
 * The versions a hit can move to. From the registry (the user's npm configuration) unless
 * offline: every version still published, with its publish time, deprecated ones left out.
 * When the registry cannot be asked, the offline data stands in and the reason is kept.
 */
export async function candidateVersions(hit: Hit, config: NpmConfig | null): Promise<CandidateVersions> {
  const offline = (): VersionCandidate[] => [...new Set([...fixCandidates(hit.name, hit.advisories), ...hit.otherVersions])].map((version) => ({ version }));
  if (config === null) return { candidates: offline(), source: 'offline' };
  try {
    const packument = await fetchPackument(hit.name, { config, full: true });
    const candidates = Object.values(packument.versions)
      .filter((v) => typeof v.manifest['deprecated'] !== 'string')
      .map((v) => (packument.time[v.version] ? { version: v.version, publishedAt: packument.time[v.version]! } : { version: v.version }));
    return { candidates, source: 'registry' };
  } catch (e) {
    if (!isToolError(e)) throw e;
    const why = e.code === ErrorCodes.notFound ? 'the registry does not know the package' : e.message;
    return { candidates: offline(), source: 'offline', note: `registry not used: ${why}` };
  }
}
