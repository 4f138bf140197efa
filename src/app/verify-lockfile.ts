import { isToolError, TaskPool } from '../core/index.js';
import type { VerifyResult } from '../report/index.js';
import { fetchPackument, loadNpmConfig, type NpmConfig } from '../registry/index.js';
import { verifyVersion } from './diff.js';
import { selectRules } from './inspect-engine.js';
import { registryPins } from './lockfile-pins.js';

export interface VerifyLockfileOptions {
  /** A lockfile, or a project directory holding one. */
  path: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Packages published fewer than this many days before `now` are verified. Default 14. */
  maxAgeDays?: number;
  now?: Date;
  rules?: readonly string[];
  /** Registry requests and diffs in flight at once. Default 4. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One package checked (the report's model: its renderers take these as they are). */
export type VerifiedPackage = VerifyResult;

export interface VerifyLockfileResult {
  lockfile: string;
  maxAgeDays: number;
  now: string;
  /** Registry packages of the lockfile, by name@version. */
  packages: number;
  /** One entry per package younger than maxAgeDays, by name then version. */
  results: VerifiedPackage[];
  elapsedMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `chainwatch verify --lockfile`: every registry package of a lockfile published within the last
 * `maxAgeDays` days, diffed against its predecessor. The check to run before merging a dependency
 * update: a release younger than the registry's takedowns is where a compromise still hides.
 */
export async function verifyLockfile(opts: VerifyLockfileOptions): Promise<VerifyLockfileResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const maxAgeDays = opts.maxAgeDays ?? 14;
  const rules = selectRules(opts.rules);
  const byName = await registryPins(opts.path, opts.cwd);
  const config: NpmConfig = await loadNpmConfig({ cwd: opts.cwd, env: opts.env });

  const results: VerifiedPackage[] = [];
  const pool = new TaskPool(opts.concurrency ?? 4);
  let done = 0;
  for (const [name, versions] of byName) {
    pool.add(async () => {
      try {
        const packument = await fetchPackument(name, { config, full: true });
        for (const version of versions) {
          const publishedAt = packument.time[version];
          if (publishedAt === undefined || now.getTime() - Date.parse(publishedAt) > maxAgeDays * DAY_MS) continue;
          results.push(await verifyOne(name, version, publishedAt, () => verifyVersion(packument, version, { config, rules, now })));
        }
      } catch (e) {
        if (!isToolError(e)) throw e;
        for (const version of versions) results.push({ name, version, error: e.message });
      }
      opts.onProgress?.(++done, byName.size);
    });
  }
  await pool.idle();
  results.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  return { lockfile: opts.path, maxAgeDays, now: now.toISOString(), packages: [...byName.values()].reduce((n, v) => n + v.size, 0), results, elapsedMs: performance.now() - started };
}

async function verifyOne(name: string, version: string, publishedAt: string, verify: () => ReturnType<typeof verifyVersion>): Promise<VerifiedPackage> {
  try {
    const r = await verify();
    if (r.diff === null || r.predecessor === null) return { name, version, publishedAt, skipped: 'first-release' };
    return { name, version, publishedAt, diff: r.diff, predecessor: r.predecessor.version };
  } catch (e) {
    if (!isToolError(e)) throw e;
    return { name, version, publishedAt, error: e.message };
  }
}
