import { createRequire } from 'node:module';
import type npaType from 'npm-package-arg';
import { ErrorCodes, ToolError } from '../core/index.js';

/** npm-package-arg, loaded on first use (with hosted-git-info and friends, about 25 ms). */
let loadedNpa: typeof npaType | undefined;
function npa(spec: string): npaType.Result {
  return (loadedNpa ??= createRequire(import.meta.url)('npm-package-arg') as typeof npaType)(spec);
}

/** A package asked for by registry spec: its name as the registry spells it, and what to pick. */
export interface WantedPackage {
  name: string;
  /** The name as it goes in the packument URL (`@scope%2fname`). */
  escapedName: string;
  /** Version, range or tag. */
  fetchSpec: string;
}

/**
 * Parses `spec` (`name`, `name@1.2.3`, `name@^1`, `name@next`, `alias@npm:name@1`), accepting only
 * what a registry resolves; aliases resolve to their target. Git, file and URL specs are refused,
 * so nothing is ever built, prepared or run.
 */
export function registrySpec(spec: string): WantedPackage {
  let parsed: npaType.Result;
  try {
    parsed = npa(spec);
  } catch (e) {
    throw new ToolError(ErrorCodes.usage, `${spec}: not a valid package spec (${(e as Error).message.split('\n')[0]})`, {
      hint: 'use name, name@version, name@range or name@tag',
      cause: e,
    });
  }
  if (parsed.type === 'alias' && parsed.subSpec) parsed = parsed.subSpec;
  if (!['version', 'range', 'tag'].includes(parsed.type) || !parsed.name || !parsed.escapedName) {
    throw new ToolError(ErrorCodes.usage, `${spec}: a ${parsed.type} spec, not a registry package`, {
      hint: 'use name, name@version, name@range or name@tag; git, file and URL specs are not fetched',
    });
  }
  return { name: parsed.name, escapedName: parsed.escapedName, fetchSpec: parsed.fetchSpec ?? 'latest' };
}

/** A bare package name (`name`, `@scope/name`): nothing after it, no alias. */
export function packageName(name: string): WantedPackage {
  const wanted = registrySpec(name);
  if (wanted.name !== name) {
    throw new ToolError(ErrorCodes.usage, `${name}: not a package name`, { hint: 'give the name alone, without a version, range or tag' });
  }
  return wanted;
}
