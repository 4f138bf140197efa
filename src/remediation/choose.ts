import { isAffected, type Advisory } from '../advisories/index.js';
import { semver } from './semver.js';
import type { FixTarget, VersionCandidate } from './types.js';

export interface ChooseInput {
  name: string;
  /** The affected versions installed now. */
  affected: readonly string[];
  /** Every advisory known for the name: a target must be clean for each. */
  advisories: readonly Advisory[];
  /** Versions to choose from: the registry's, or offline the advisories' known-good and the graph's. */
  candidates: readonly VersionCandidate[];
  /** Dependents' declared ranges; ones that are not semver ranges (git, tarball, `workspace:`) constrain nothing. */
  ranges: readonly string[];
  /** The release-age policy for this name (0: none): a younger version is not a target. */
  releaseAgeMs: number;
  now: number;
}

/**
 * The version to move to: the highest clean version every dependent's range allows and that is
 * old enough for the release-age policy; when the ranges allow none, the last clean version
 * below the affected ones (what the advice after an incident is: go back to the release before
 * it), or failing that the lowest clean one above. Prereleases only when an affected version is
 * one. A candidate without a publish time (offline data) passes the age check: nothing says it
 * is young. Null when no candidate is clean.
 */
export function chooseTarget(input: ChooseInput): FixTarget | null {
  const { valid, validRange, satisfies, compare, prerelease } = semver();
  const affected = input.affected.filter((v) => valid(v) !== null);
  if (affected.length === 0) return null;
  const allowPrerelease = affected.some((v) => prerelease(v) !== null);
  const minAge = input.releaseAgeMs;
  const clean = [...new Set(input.candidates.filter((c) => oldEnough(c, minAge, input.now)).map((c) => c.version))]
    .filter((v) => valid(v) === v && !affected.includes(v) && (allowPrerelease || prerelease(v) === null))
    .filter((v) => !input.advisories.some((a) => a.affected.some((x) => x.name === input.name && isAffected(v, x))))
    .sort(compare);
  if (clean.length === 0) return null;
  const ranges = input.ranges.filter((r) => validRange(r) !== null);
  const inRange = clean.filter((v) => ranges.every((r) => satisfies(v, r, { includePrerelease: true })));
  if (inRange.length) return { version: inRange[inRange.length - 1]!, inRange: true };
  const lowest = [...affected].sort(compare)[0]!;
  const below = clean.filter((v) => compare(v, lowest) < 0);
  return { version: below[below.length - 1] ?? clean[0]!, inRange: false };
}

function oldEnough(c: VersionCandidate, minAgeMs: number, now: number): boolean {
  if (minAgeMs <= 0 || c.publishedAt === undefined) return true;
  const t = Date.parse(c.publishedAt);
  return Number.isNaN(t) || now - t >= minAgeMs;
}
