import semver from 'semver';
import { matchPackages, type AdvisoryIndex } from '../advisories/index.js';
import { matchesPattern } from '../core/index.js';
import { predecessorOf, type Packument, type PackumentVersion } from '../registry/index.js';
import type { GateAction, GatePolicy } from './policy.js';

/** Which part of the policy a reason comes from; stable ids, shown in logs, 403 bodies and JSON. */
export type GateRule = 'advisory' | 'release-age' | 'install-scripts' | 'provenance' | 'malicious' | 'unpublished';

export interface Reason {
  rule: GateRule;
  action: 'warn' | 'block';
  message: string;
}

export interface Decision {
  /** `block` when any reason blocks, else `warn` when any warns, else `allow`. */
  action: 'allow' | 'warn' | 'block';
  reasons: Reason[];
}

/** What the detection engine said of a version's tarball, when it has been inspected. */
export type EngineVerdict = 'malicious' | 'suspicious' | 'clean';

export interface PackumentDecisions {
  /** Every version of the packument, by version. */
  versions: Map<string, Decision>;
  /**
   * Epoch ms at which some decision changes by itself (the earliest moment a version held back by
   * the cooldown becomes old enough), or Infinity. Cached decisions must not outlive it.
   */
  changesAt: number;
}

export interface DecideInput {
  /** The full packument: publish times, scripts and attestations are only there. */
  packument: Packument;
  policy: GatePolicy;
  advisories: readonly AdvisoryIndex[];
  /** Epoch ms. */
  now: number;
  /**
   * Epoch ms no version was published after, for a document without per-version times (the
   * abbreviated one's `modified`): enough for the cooldown when it is long enough ago.
   */
  publishedBefore?: number;
  /** Engine verdicts known so far, by tarball integrity (`malicious` in the policy). */
  verdicts?: ReadonlyMap<string, EngineVerdict>;
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

/** Applies the policy to every version of a package. Pure: the same input gives the same decisions. */
export function decideVersions(input: DecideInput): PackumentDecisions {
  const { packument, policy, now } = input;
  const versions = Object.keys(packument.versions);
  const advisoryReasons = advisoryReasonsByVersion(packument.name, versions, input.advisories, policy.vulnerabilities);
  const cooldownMs = releaseAgeFor(packument.name, policy);
  let changesAt = Infinity;
  const out = new Map<string, Decision>();
  for (const version of versions) {
    const entry = packument.versions[version]!;
    const reasons: Reason[] = [...(advisoryReasons.get(version) ?? [])];

    const recorded = Date.parse(packument.time[version] ?? '');
    const published = Number.isNaN(recorded) ? (input.publishedBefore ?? NaN) : recorded;
    if (cooldownMs > 0) {
      if (Number.isNaN(published)) {
        reasons.push({ rule: 'release-age', action: 'warn', message: 'the registry gives no publish time, so the release-age cooldown cannot apply' });
      } else if (now - published < cooldownMs) {
        reasons.push({ rule: 'release-age', action: 'block', message: `published ${age(now - published)} ago, under the ${age(cooldownMs)} cooldown (policy.minimumReleaseAge)` });
        changesAt = Math.min(changesAt, published + cooldownMs);
      }
    }

    const scripts = installScripts(entry);
    if (scripts.length > 0 && policy.installScripts.action !== 'off' && !allowsScripts(policy.installScripts.allow, packument.name, version)) {
      reasons.push({
        rule: 'install-scripts',
        action: policy.installScripts.action,
        message: `runs ${scripts.join(', ')} at install and is not in policy.installScripts.allow`,
      });
    }

    if (policy.provenance !== 'off' && entry.dist.attestations === undefined) {
      const before = predecessorOf(packument, version);
      if (before !== undefined && packument.versions[before]!.dist.attestations !== undefined) {
        reasons.push({ rule: 'provenance', action: policy.provenance, message: `published without the provenance ${before} had` });
      }
    }

    const integrity = entry.dist.integrity;
    if (policy.malicious !== 'off' && integrity !== undefined && input.verdicts?.get(integrity) === 'malicious') {
      reasons.push({ rule: 'malicious', action: policy.malicious, message: 'the detection engine judged its tarball malicious' });
    }

    out.set(version, decisionOf(reasons));
  }
  return { versions: out, changesAt };
}

export function decisionOf(reasons: Reason[]): Decision {
  const action = reasons.some((r) => r.action === 'block') ? 'block' : reasons.length > 0 ? 'warn' : 'allow';
  return { action, reasons };
}

/** The cooldown for `name`: 0 when excluded, else the first matching per-package override, else the default. */
export function releaseAgeFor(name: string, policy: GatePolicy): number {
  if (policy.minimumReleaseAgeExclude.some((p) => matchesPattern(name, p))) return 0;
  const override = policy.packages.find((p) => matchesPattern(name, p.pattern) && p.minimumReleaseAgeMs !== undefined);
  return override?.minimumReleaseAgeMs ?? policy.minimumReleaseAgeMs;
}

/** The install-time scripts a version declares (npm runs `preinstall`, `install`, `postinstall`). */
export function installScripts(entry: PackumentVersion): string[] {
  const scripts = entry.manifest['scripts'];
  const declared = typeof scripts === 'object' && scripts !== null ? INSTALL_SCRIPTS.filter((s) => typeof (scripts as Record<string, unknown>)[s] === 'string') : [];
  // Abbreviated documents drop `scripts` and say `hasInstallScript` instead.
  if (declared.length === 0 && entry.manifest['hasInstallScript'] === true) return ['an install script'];
  return declared;
}

/** `allow` entries: a name or glob, or `name@range` for some versions only. */
export function allowsScripts(allow: readonly string[], name: string, version: string): boolean {
  return allow.some((entry) => {
    const at = entry.indexOf('@', 1);
    if (at === -1) return matchesPattern(name, entry);
    return matchesPattern(name, entry.slice(0, at)) && semver.satisfies(version, entry.slice(at + 1), { includePrerelease: true });
  });
}

/** The advisory reasons of each version of `name` that the indexes list, by version (none: not listed). */
export function advisoryReasonsByVersion(name: string, versions: readonly string[], indexes: readonly AdvisoryIndex[], vulnerabilities: GateAction): Map<string, Reason[]> {
  const out = new Map<string, Reason[]>();
  if (indexes.length === 0) return out;
  for (const { advisory, pkg } of matchPackages(versions.map((version) => ({ name, version })), indexes)) {
    // Malware and compromised releases are always blocked; known vulnerabilities as the policy says.
    const action = advisory.kind === 'malware' ? 'block' : vulnerabilities;
    if (action === 'off') continue;
    const list = out.get(pkg.version) ?? [];
    list.push({ rule: 'advisory', action, message: `${advisory.kind === 'malware' ? 'known malicious' : 'known vulnerable'}: ${advisory.id} ${advisory.title}`.trim() });
    out.set(pkg.version, list);
  }
  return out;
}

/** "3 days", "5 hours", "12 minutes": the largest whole unit. */
export function age(ms: number): string {
  const units: [string, number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  for (const [unit, size] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return `${Math.max(0, Math.floor(ms / 1000))} seconds`;
}
