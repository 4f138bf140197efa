import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ConfigClass from '@npmcli/config';
import { ErrorCodes, ToolError } from '../core/index.js';

/**
 * The user's npm configuration, read the way npm reads it, by npm's own loader (@npmcli/config):
 * defaults, `npm_config_*` environment variables, the project's `.npmrc` (found by walking up from
 * `cwd`), the user's `~/.npmrc` (or `userconfig`), and the global `<prefix>/etc/npmrc`. That is
 * where the registry, scoped registries (`@scope:registry`), per-registry credentials
 * (`//host/path/:_authToken`), proxies, `cafile`, timeouts and retries come from.
 *
 * The default registry is npm's own default when nothing overrides it; this code never names one.
 */
export interface NpmConfigInput {
  /** Where npm would run: the project `.npmrc` is looked for from here upwards. */
  cwd: string;
  /** The environment npm would see (HOME, `npm_config_*`, proxies). It is copied, never changed. */
  env: Readonly<Record<string, string | undefined>>;
  /** The node binary; npm derives the global prefix (and so the global npmrc) from it. */
  execPath?: string;
  /**
   * An npm installation whose built-in `npmrc` should apply (some distributions ship one). Without
   * it, that layer is skipped.
   */
  npmPath?: string;
  /** Sent as User-Agent instead of npm's (which would claim to be npm). Default `chainwatch`. */
  userAgent?: string;
}

/**
 * A loaded configuration. The options it hands to npm's fetch libraries hold credentials, so
 * they are kept private and never serialised: `JSON.stringify(config)` shows only the registry.
 */
export class NpmConfig {
  readonly #flat: Readonly<Record<string, unknown>>;
  /** The default registry URL, ending in `/`. */
  readonly registry: string;

  constructor(flat: Record<string, unknown>) {
    this.#flat = Object.freeze({ ...flat });
    this.registry = withSlash(String(flat['registry']));
  }

  /** The registry a package is fetched from: its scope's `@scope:registry`, else the default. */
  registryFor(name: string): string {
    const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
    const scoped = scope === undefined ? undefined : this.#flat[`${scope}:registry`];
    return typeof scoped === 'string' && scoped !== '' ? withSlash(scoped) : this.registry;
  }

  /**
   * This configuration with more of npm's own settings on top, in npm's spelling: `registry`,
   * `@scope:registry`, `//host/path/:_authToken` (what another client's configuration says).
   */
  with(settings: Readonly<Record<string, string>>): NpmConfig {
    return new NpmConfig({ ...this.#flat, ...settings });
  }

  /** npm's flat options, as npm passes them to npm-registry-fetch (a copy). */
  fetchOptions(): Record<string, unknown> {
    return { ...this.#flat };
  }

  toJSON(): { registry: string } {
    return { registry: this.registry };
  }
}

export async function loadNpmConfig(input: NpmConfigInput): Promise<NpmConfig> {
  // Loaded here, not at startup: commands that never read npm's configuration skip the cost.
  const Config: typeof ConfigClass = (await import('@npmcli/config')).default;
  // CommonJS without detectable named exports: take the object whole.
  const { definitions, shorthands, flatten, nerfDarts } = (await import('@npmcli/config/lib/definitions/index.js')).default;
  const config = new Config({
    definitions,
    shorthands,
    flatten,
    nerfDarts,
    // This module's own folder holds no `npmrc`, so the built-in layer is skipped by default.
    npmPath: input.npmPath ?? dirname(fileURLToPath(import.meta.url)),
    // npm writes npm_config_* back into the env it is given: hand it a copy.
    env: { ...input.env },
    // No command line: chainwatch's own flags are not npm's.
    argv: ['node', 'chainwatch'],
    cwd: input.cwd,
    ...(input.execPath === undefined ? {} : { execPath: input.execPath }),
    warn: false,
  });
  try {
    await config.load();
    // npm's flattening also sets process.env.npm_config_user_agent (and NODE_ENV=production when
    // the config omits dev dependencies): npm's behaviour, harmless here, and not avoidable without
    // re-implementing npm's flattening.
    return new NpmConfig({ ...config.flat, userAgent: input.userAgent ?? 'chainwatch' });
  } catch (e) {
    const file = (e as { path?: string }).path;
    throw new ToolError(ErrorCodes.config, `cannot load the npm configuration${file ? ` from ${file}` : ''}: ${firstLine(e)}`, {
      hint: 'check your .npmrc files (`npm config ls -l` shows where each setting comes from)',
      cause: e,
    });
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
