/**
 * Typosquat detection for a new dependency's name against popular package names: one edit away
 * (two for long names), or the same name with its separators or scope moved (`crossenv` for
 * `cross-env`, the 2017 typosquat; `types-node` for `@types/node`). A popular name is never a
 * typo of another popular name (`ms` and `mz` both exist on purpose).
 */

/** Below this many characters one edit turns nearly any name into another real one (`ws`, `qs`, `ms`). */
const MIN_EDIT_LENGTH = 4;
/** From this length on, two edits are still a typo (`electorn-updater`). */
const LONG_NAME = 8;

export interface PopularIndex {
  names: ReadonlySet<string>;
  /** Separator- and scope-free form -> the popular names that have it. */
  squashed: ReadonlyMap<string, readonly string[]>;
  /** By length, for the edit-distance comparison. */
  byLength: ReadonlyMap<number, readonly string[]>;
}

/** Builds the lookup once for many names (a release can add dozens of dependencies). */
export function popularIndex(popular: readonly string[]): PopularIndex {
  const squashed = new Map<string, string[]>();
  const byLength = new Map<number, string[]>();
  for (const name of popular) {
    const key = squash(name);
    const list = squashed.get(key);
    if (list) list.push(name);
    else squashed.set(key, [name]);
    const same = byLength.get(name.length);
    if (same) same.push(name);
    else byLength.set(name.length, [name]);
  }
  return { names: new Set(popular), squashed, byLength };
}

/**
 * The popular name `name` looks like a typo of, or null. Pass a list or an index built with
 * `popularIndex` (faster for many names).
 */
export function isTypoOf(name: string, popular: readonly string[] | PopularIndex): string | null {
  const index = isIndex(popular) ? popular : popularIndex(popular);
  if (index.names.has(name)) return null;
  const swapped = index.squashed.get(squash(name))?.find((p) => p !== name);
  if (swapped) return swapped;
  if (name.length < MIN_EDIT_LENGTH) return null;
  const max = name.length >= LONG_NAME ? 2 : 1;
  const scope = scopeOf(name);
  let best: { name: string; distance: number } | null = null;
  for (let len = name.length - max; len <= name.length + max; len++) {
    for (const candidate of index.byLength.get(len) ?? []) {
      if (candidate.length < MIN_EDIT_LENGTH) continue;
      // Only the scope's owner can publish into a scope: `@aws-sdk/client-sns` next to
      // `@aws-sdk/client-kms` is a sibling, not a squat.
      if (scope !== null && scope === scopeOf(candidate)) continue;
      const d = editDistance(name, candidate, max);
      if (d !== null && (!best || d < best.distance || (d === best.distance && candidate < best.name))) best = { name: candidate, distance: d };
    }
  }
  return best?.name ?? null;
}

function scopeOf(name: string): string | null {
  return name.startsWith('@') ? name.slice(0, name.indexOf('/') + 1) || null : null;
}

function isIndex(p: readonly string[] | PopularIndex): p is PopularIndex {
  return !Array.isArray(p);
}

/** `@types/node`, `types-node`, `types_node`, `typesnode` are one name to a hurried typist. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[@/._-]/g, '');
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours), or null when it is above `max` (the rows stop early once every cell is past it).
 */
export function editDistance(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return null;
    [prev2, prev, row] = [prev, row, prev2];
  }
  const d = prev[b.length]!;
  return d <= max ? d : null;
}
