import { ErrorCodes, ToolError } from '../core/index.js';
import { durationToMs, type Duration } from './duration.js';
import type { PolicyConfig } from './schema.js';

/**
 * The install gate's policy, in the form the gate applies it: every duration in milliseconds,
 * every list already validated. The config layer parses `chainwatch.config.json`'s `policy` key
 * (or the `chainwatch` field of package.json) into this shape; library callers build it directly.
 *
 * A copy of src/gate/policy.ts's `GatePolicy` (config may not import gate); policy.test.ts fails
 * when the two differ.
 */
export interface GatePolicyShape {
  /** A version published less than this long ago is hidden (0: no cooldown). Default 3 days. */
  minimumReleaseAgeMs: number;
  /** Names or globs (`@myorg/*`, `eslint-*`) the cooldown does not apply to. */
  minimumReleaseAgeExclude: readonly string[];
  /** Per-package overrides, first matching pattern (name or glob) wins. */
  packages: readonly PackagePolicyShape[];
  /** Versions with `preinstall`/`install`/`postinstall` (or npm's implicit `node-gyp rebuild`). */
  installScripts: {
    /** What happens to a version with install scripts that `allow` does not name. */
    action: PolicyAction;
    /** `name`, a glob, or `name@range` (`esbuild`, `@swc/*`, `sharp@^0.33.0`). */
    allow: readonly string[];
  };
  /** Versions affected by a vulnerability advisory (malware advisories and incidents always block). */
  vulnerabilities: PolicyAction;
  /** A version published without the provenance (attestations) its predecessor had. */
  provenance: PolicyAction;
  /** A version the detection engine judges `malicious` (its tarball is fetched and inspected first). */
  malicious: PolicyAction;
}

export interface PackagePolicyShape {
  pattern: string;
  minimumReleaseAgeMs?: number;
}

/** `off` ignores the signal, `warn` logs it and lets the version through, `block` hides it. */
export type PolicyAction = 'off' | 'warn' | 'block';

const DEFAULT_RELEASE_AGE_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * The config's `policy` key (validated by parseConfigFile) with the defaults filled in and the
 * durations in milliseconds; no key at all gives the default policy. `packages` keeps the
 * file's order, except that JavaScript objects put integer-like keys (a package named `123`)
 * first; those are exact names, never globs.
 */
export function toGatePolicy(policy: PolicyConfig | undefined): GatePolicyShape {
  const p = policy ?? {};
  return {
    minimumReleaseAgeMs: p.minimumReleaseAge === undefined ? DEFAULT_RELEASE_AGE_MS : toMs(p.minimumReleaseAge, 'minimumReleaseAge'),
    minimumReleaseAgeExclude: [...(p.minimumReleaseAgeExclude ?? [])],
    packages: Object.entries(p.packages ?? {}).map(([pattern, o]) =>
      o.minimumReleaseAge === undefined ? { pattern } : { pattern, minimumReleaseAgeMs: toMs(o.minimumReleaseAge, `packages[${JSON.stringify(pattern)}].minimumReleaseAge`) },
    ),
    installScripts: { action: p.installScripts?.action ?? 'block', allow: [...(p.installScripts?.allow ?? [])] },
    vulnerabilities: p.vulnerabilities ?? 'warn',
    provenance: p.provenance ?? 'off',
    malicious: p.malicious ?? 'off',
  };
}

/** Only a policy that skipped validation (built by hand) can get here with a bad duration. */
function toMs(duration: Duration, key: string): number {
  const ms = durationToMs(duration);
  if (ms === undefined) throw new ToolError(ErrorCodes.config, `policy.${key}: ${JSON.stringify(duration)} is not a duration`);
  return ms;
}
