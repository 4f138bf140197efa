/**
 * The install gate's policy, in the form the gate applies it: every duration in milliseconds,
 * every list already validated. The config layer parses `chainwatch.config.json`'s `policy` key
 * (or the `chainwatch` field of package.json) into this shape; library callers build it directly.
 */
export interface GatePolicy {
  /** A version published less than this long ago is hidden (0: no cooldown). Default 3 days. */
  minimumReleaseAgeMs: number;
  /** Names or globs (`@myorg/*`, `eslint-*`) the cooldown does not apply to. */
  minimumReleaseAgeExclude: readonly string[];
  /** Per-package overrides, first matching pattern (name or glob) wins. */
  packages: readonly PackagePolicy[];
  /** Versions with `preinstall`/`install`/`postinstall` (or npm's implicit `node-gyp rebuild`). */
  installScripts: {
    /** What happens to a version with install scripts that `allow` does not name. */
    action: GateAction;
    /** `name`, a glob, or `name@range` (`esbuild`, `@swc/*`, `sharp@^0.33.0`). */
    allow: readonly string[];
  };
  /** Versions affected by a vulnerability advisory (malware advisories and incidents always block). */
  vulnerabilities: GateAction;
  /** A version published without the provenance (attestations) its predecessor had. */
  provenance: GateAction;
  /** A version the detection engine judges `malicious` (its tarball is fetched and inspected first). */
  malicious: GateAction;
}

export interface PackagePolicy {
  pattern: string;
  minimumReleaseAgeMs?: number;
}

/** `off` ignores the signal, `warn` logs it and lets the version through, `block` hides it. */
export type GateAction = 'off' | 'warn' | 'block';

export const DEFAULT_RELEASE_AGE_MS = 3 * 24 * 60 * 60 * 1000;

export const DEFAULT_POLICY: GatePolicy = Object.freeze<GatePolicy>({
  minimumReleaseAgeMs: DEFAULT_RELEASE_AGE_MS,
  minimumReleaseAgeExclude: [],
  packages: [],
  installScripts: { action: 'block', allow: [] },
  vulnerabilities: 'warn',
  provenance: 'off',
  malicious: 'off',
});
