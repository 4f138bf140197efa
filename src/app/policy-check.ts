import { ErrorCodes, isToolError, TaskPool } from '../core/index.js';
import { advisoryReasonsByVersion, decideVersions, decisionOf, type Decision, type GatePolicy, type Reason } from '../gate/index.js';
import { fetchPackument, loadNpmConfig } from '../registry/index.js';
import { openAdvisorySources } from './advisory-sources.js';
import { registryPins } from './lockfile-pins.js';

export interface PolicyCheckOptions {
  /** A lockfile, or a project directory holding one. */
  path: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  policy: GatePolicy;
  dbPath?: string;
  now?: Date;
  /** Registry lookups in flight at once. Default 8. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface PolicyCheckEntry {
  name: string;
  version: string;
  action: Decision['action'];
  reasons: Reason[];
  /** The registry could not be asked; only the advisory data was checked. */
  error?: string;
}

export interface PolicyCheckResult {
  lockfile: string;
  now: string;
  /** Registry packages of the lockfile, by name@version. */
  packages: number;
  /** Entries the gate would block or warn about, or could not fully check; by name, then version. */
  results: PolicyCheckEntry[];
  summary: { blocked: number; warned: number; errors: number };
}

/**
 * `chainwatch policy check`: what the install gate would do today with each version a lockfile
 * pins, without installing anything. Publish times and scripts come from the registry; when it
 * cannot be asked about a package, the advisory data is still checked and the error is listed.
 */
export async function checkPolicy(opts: PolicyCheckOptions): Promise<PolicyCheckResult> {
  const now = opts.now ?? new Date();
  const byName = await registryPins(opts.path, opts.cwd);
  const config = await loadNpmConfig({ cwd: opts.cwd, env: opts.env });
  const sources = openAdvisorySources({ dbPath: opts.dbPath, env: opts.env, homedir: opts.homedir });
  const results: PolicyCheckEntry[] = [];
  try {
    const pool = new TaskPool(opts.concurrency ?? 8);
    let done = 0;
    for (const [name, versions] of byName) {
      pool.add(async () => {
        try {
          const packument = await fetchPackument(name, { config, full: true });
          const decisions = decideVersions({ packument, policy: opts.policy, advisories: sources.indexes, now: now.getTime() });
          for (const version of versions) {
            const decision = decisions.versions.get(version);
            if (decision === undefined) results.push({ name, version, ...unpublished('the version') });
            else if (decision.action !== 'allow') results.push({ name, version, ...decision });
          }
        } catch (e) {
          if (!isToolError(e)) throw e;
          for (const version of versions) {
            if (e.code === ErrorCodes.notFound) results.push({ name, version, ...unpublished('the package') });
            else results.push({ name, version, ...advisoryOnly(name, version), error: e.message });
          }
        }
        opts.onProgress?.(++done, byName.size);
      });
    }
    await pool.idle();
  } finally {
    sources.close();
  }

  function unpublished(what: string): Decision {
    // Registries take malicious releases down by unpublishing them: a pin to one is a red flag.
    return decisionOf([{ rule: 'unpublished', action: 'block', message: `${what} is no longer on the registry (unpublished)` }]);
  }

  /** What the gate would say of a version from the advisory data alone (the registry could not be asked). */
  function advisoryOnly(name: string, version: string): Decision {
    return decisionOf(advisoryReasonsByVersion(name, [version], sources.indexes, opts.policy.vulnerabilities).get(version) ?? []);
  }

  results.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const packages = [...byName.values()].reduce((n, v) => n + v.size, 0);
  return {
    lockfile: opts.path,
    now: now.toISOString(),
    packages,
    results,
    summary: {
      blocked: results.filter((r) => r.action === 'block').length,
      warned: results.filter((r) => r.action === 'warn').length,
      errors: results.filter((r) => r.error !== undefined).length,
    },
  };
}
