import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { ErrorCodes, ToolError } from '../core/index.js';

/**
 * The registries and tokens a yarn 2+ project is configured with, in npm's spelling, so the gate
 * in front of `yarn` talks to the same upstream with the same credentials as yarn would. Read
 * from `~/.yarnrc.yml` and every `.yarnrc.yml` from the filesystem root down to `cwd` (the
 * nearer wins, as in yarn), then `YARN_NPM_REGISTRY_SERVER` / `YARN_NPM_AUTH_TOKEN`.
 *
 * Understood: `npmRegistryServer`, `npmAuthToken`, `npmScopes.<scope>.{npmRegistryServer,
 * npmAuthToken}` and `npmRegistries["//host"].npmAuthToken`, with yarn's `${VAR}` and
 * `${VAR:-default}` interpolation. Empty when no file says anything about registries.
 */
export function yarnRegistrySettings(cwd: string, env: Readonly<Record<string, string | undefined>>, homedir: string): Record<string, string> {
  const files: string[] = [join(homedir, '.yarnrc.yml')];
  const chain: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    chain.unshift(join(dir, '.yarnrc.yml'));
    if (dirname(dir) === dir) break;
  }
  files.push(...chain.filter((f) => f !== files[0]));

  let server: string | undefined;
  let token: string | undefined;
  const scopes = new Map<string, { server?: string; token?: string }>();
  const tokens = new Map<string, string>();
  for (const file of files) {
    if (!existsSync(file)) continue;
    const rc = readRc(file);
    const text = (value: unknown) => (typeof value === 'string' ? interpolate(value, env, file) : undefined);
    server = text(rc['npmRegistryServer']) ?? server;
    token = text(rc['npmAuthToken']) ?? token;
    for (const [scope, settings] of Object.entries(mapping(rc['npmScopes']))) {
      const s = mapping(settings);
      const current = scopes.get(scope) ?? {};
      scopes.set(scope, { server: text(s['npmRegistryServer']) ?? current.server, token: text(s['npmAuthToken']) ?? current.token });
    }
    for (const [host, settings] of Object.entries(mapping(rc['npmRegistries']))) {
      const t = text(mapping(settings)['npmAuthToken']);
      if (t !== undefined) tokens.set(host, t);
    }
  }
  server = env['YARN_NPM_REGISTRY_SERVER'] ?? server;
  token = env['YARN_NPM_AUTH_TOKEN'] ?? token;

  const out: Record<string, string> = {};
  if (server !== undefined) out['registry'] = withSlash(server);
  if (token !== undefined && server !== undefined) out[`${nerfDart(server)}:_authToken`] = token;
  for (const [host, t] of tokens) out[`${nerfDart(host)}:_authToken`] = t;
  for (const [scope, s] of scopes) {
    const registry = s.server ?? server;
    if (s.server !== undefined) out[`@${scope.replace(/^@/, '')}:registry`] = withSlash(s.server);
    if (s.token !== undefined && registry !== undefined) out[`${nerfDart(registry)}:_authToken`] = s.token;
  }
  return out;
}

function readRc(file: string): Record<string, unknown> {
  try {
    return mapping(yaml.load(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new ToolError(ErrorCodes.config, `${file}: cannot read it as YAML (${(e as Error).message.split('\n')[0]})`, { hint: 'fix the yarn configuration file' });
  }
}

/** yarn's `${NAME}` and `${NAME:-default}`; an unset variable without a default is an error, as in yarn. */
function interpolate(value: string, env: Readonly<Record<string, string | undefined>>, file: string): string {
  return value.replace(/\$\{([A-Za-z0-9_]+)(?::-([^}]*))?\}/g, (_all, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    throw new ToolError(ErrorCodes.config, `${file}: uses \${${name}}, which is not set`, { hint: `set ${name} in the environment, as yarn needs it too` });
  });
}

/** npm's key for per-registry settings: `//host[:port]/path/`. */
function nerfDart(url: string): string {
  return withSlash(url.replace(/^[a-z]+:(?=\/\/)/i, ''));
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function mapping(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
