import type { EdgeType } from '../../core/index.js';

export type JsonObject = Record<string, unknown>;

/** A plain JSON object (not null, not an array), or undefined: lockfile fields are untrusted. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Calls `visit` for each dependency a manifest-shaped object declares, once per name, typed the
 * way npm's arborist does it: later kinds override earlier ones (peer < prod < optional < dev),
 * so a name in both `dependencies` and `optionalDependencies` is optional. No intermediate
 * collections: this runs for every entry of lockfiles with tens of thousands of them.
 */
export function forEachDeclared(manifest: JsonObject, visit: (name: string, spec: string, type: EdgeType) => void): void {
  const peer = asObject(manifest['peerDependencies']);
  const prod = asObject(manifest['dependencies']);
  const optional = asObject(manifest['optionalDependencies']);
  const dev = asObject(manifest['devDependencies']);
  if (peer) {
    const meta = asObject(manifest['peerDependenciesMeta']);
    for (const name in peer) {
      const spec = peer[name];
      if (typeof spec === 'string' && !declares(prod, name) && !declares(optional, name) && !declares(dev, name)) {
        visit(name, spec, asObject(meta?.[name])?.['optional'] === true ? 'peerOptional' : 'peer');
      }
    }
  }
  if (prod) {
    for (const name in prod) {
      const spec = prod[name];
      if (typeof spec === 'string' && !declares(optional, name) && !declares(dev, name)) visit(name, spec, 'prod');
    }
  }
  if (optional) {
    for (const name in optional) {
      const spec = optional[name];
      if (typeof spec === 'string' && !declares(dev, name)) visit(name, spec, 'optional');
    }
  }
  if (dev) {
    for (const name in dev) {
      const spec = dev[name];
      if (typeof spec === 'string') visit(name, spec, 'dev');
    }
  }
}

function declares(map: JsonObject | undefined, name: string): boolean {
  return map !== undefined && typeof map[name] === 'string' && Object.hasOwn(map, name);
}

/**
 * Finds where each object key sits in the lockfile text, for the `location` of packages.
 * JSON.parse keeps keys in document order, so when keys are asked for in that order one forward
 * scan covers the whole file: linear, no second parse. A key counts only when followed by `: {`
 * (an entry), which skips the same name used as a dependency in a `requires` or range map.
 * After the first key it cannot find (a duplicate, an escaped name) it gives up instead of
 * rescanning the rest of the file for every later key.
 */
export class KeyLocator {
  private cursor: number;
  private lost = false;

  constructor(private readonly text: string, start: number) {
    this.cursor = Math.max(start, 0);
  }

  offsetOf(key: string): number | undefined {
    if (this.lost) return undefined;
    // Package names and paths need no JSON escaping; a key that does is simply not found.
    const needle = `"${key}"`;
    for (let at = this.text.indexOf(needle, this.cursor); at !== -1; at = this.text.indexOf(needle, at + 1)) {
      if (this.opensObject(at + needle.length)) {
        this.cursor = at + needle.length;
        return at;
      }
    }
    this.lost = true;
    return undefined;
  }

  private opensObject(from: number): boolean {
    let i = this.skipSpace(from);
    if (this.text.charCodeAt(i) !== 58 /* : */) return false;
    i = this.skipSpace(i + 1);
    return this.text.charCodeAt(i) === 123 /* { */;
  }

  private skipSpace(i: number): number {
    let c = this.text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = this.text.charCodeAt(++i);
    return i;
  }
}
