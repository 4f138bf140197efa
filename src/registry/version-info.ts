import semver from 'semver';
import { packumentVersion, type Packument, type Person } from './packument.js';

/**
 * What a full packument says about one version's publication: when, by whom, with which
 * attestations. Facts only; judging them (a new publisher, provenance dropped) is diff/'s job.
 */
export interface VersionInfo {
  name: string;
  version: string;
  /** ISO publish time (`time[version]`); absent when the registry does not record it. */
  publishedAt?: string;
  /** `_npmUser`: the account that published this version. */
  publisher?: Person;
  /** The version's `maintainers` (the package's maintainers at publish time). */
  maintainers: readonly Person[];
  /** From `dist.attestations`; `null` when the version was published without any. */
  provenance: Provenance | null;
  /** `dist.unpackedSize` in bytes, when the registry records it. */
  unpackedSize?: number;
  /** The dist-tags that point at this version now. */
  tags: readonly string[];
  /** The package's dist-tags now, for tag moves. */
  distTags: Readonly<Record<string, string>>;
  /** The packument's `time` map without `created`/`modified`: version -> ISO publish time, for the release cadence. */
  versionTimes: Readonly<Record<string, string>>;
}

export interface Provenance {
  /** Where the registry serves the attestation bundle. */
  attestationsUrl?: string;
  /** e.g. `https://slsa.dev/provenance/v1`. */
  predicateType?: string;
  /**
   * The repository and workflow the provenance names. The packument does not carry them (they are
   * inside the attestation bundle: see withProvenanceSource), so versionInfo leaves them undefined
   * rather than guessing them from the manifest's self-declared `repository`.
   */
  sourceRepository?: string;
  workflow?: string;
}

export function versionInfo(packument: Packument, version: string): VersionInfo {
  requireFull(packument, 'versionInfo');
  const entry = packumentVersion(packument, version);
  const publishedAt = publishTime(packument, version);
  const { attestations, unpackedSize } = entry.dist;
  return {
    name: packument.name,
    version,
    ...(publishedAt === undefined ? {} : { publishedAt: new Date(publishedAt).toISOString() }),
    ...(entry.publisher === undefined ? {} : { publisher: entry.publisher }),
    maintainers: entry.maintainers,
    provenance:
      attestations === undefined
        ? null
        : {
            ...(attestations.url === undefined ? {} : { attestationsUrl: attestations.url }),
            ...(attestations.predicateType === undefined ? {} : { predicateType: attestations.predicateType }),
          },
    ...(unpackedSize === undefined ? {} : { unpackedSize }),
    tags: Object.keys(packument.distTags).filter((tag) => packument.distTags[tag] === version),
    distTags: packument.distTags,
    versionTimes: versionTimes(packument),
  };
}

/**
 * The release `version` followed: the highest version lower than it (semver) that was published
 * before it. Not simply the previous one in semver order: a 1.2.9 backport published after 2.0.0
 * is not what 2.0.0 was released after. Prereleases count only when `version` is one itself.
 *
 * Missing times: when `version`'s own publish time is unknown nothing can be ordered by time, so
 * every lower version counts; when it is known, a lower version without a publish time is left
 * out (it cannot be shown to come first). Versions that are not valid semver are ignored.
 * `undefined` when no version qualifies (or `version` itself is not valid semver).
 */
export function predecessorOf(packument: Packument, version: string): string | undefined {
  requireFull(packument, 'predecessorOf');
  packumentVersion(packument, version);
  const target = semver.parse(version);
  if (target === null) return undefined;
  const publishedAt = publishTime(packument, version);
  let best: { key: string; v: semver.SemVer } | undefined;
  for (const candidate of Object.keys(packument.versions)) {
    const v = semver.parse(candidate);
    if (v === null || v.compare(target) >= 0) continue;
    if (v.prerelease.length > 0 && target.prerelease.length === 0) continue;
    if (publishedAt !== undefined) {
      const at = publishTime(packument, candidate);
      if (at === undefined || at >= publishedAt) continue;
    }
    if (best === undefined || v.compare(best.v) > 0) best = { key: candidate, v };
  }
  return best?.key;
}

function versionTimes(packument: Packument): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [key, at] of Object.entries(packument.time)) if (key !== 'created' && key !== 'modified') out[key] = at;
  return out;
}

/** Epoch milliseconds of `time[version]`, if recorded. */
function publishTime(packument: Packument, version: string): number | undefined {
  const t = Object.hasOwn(packument.time, version) ? packument.time[version] : undefined;
  return t === undefined ? undefined : Date.parse(t);
}

/** Abbreviated packuments hold no publish times or publishers: reading them here would be a caller's bug. */
function requireFull(packument: Packument, fn: string): void {
  if (!packument.full) {
    throw new Error(`${fn}(${packument.name}) needs the full packument: fetchPackument(name, { full: true })`);
  }
}
