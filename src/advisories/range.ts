import { createRequire } from 'node:module';
import type SemVer from 'semver/classes/semver.js';
import type parseFn from 'semver/functions/parse.js';
import type { Affected, RangeEvent, VersionRange } from './types.js';

/** semver is loaded on the first range check: scans without advisories for a name never need it. */
const load = createRequire(import.meta.url);
let parseFnLoaded: typeof parseFn | undefined;
export function parseVersion(version: string): SemVer | null {
  return (parseFnLoaded ??= load('semver/functions/parse') as typeof parseFn)(version);
}

/**
 * OSV's evaluation (https://ossf.github.io/osv-schema/#evaluation): a version is affected when it
 * is one of `versions` (exact string) or inside any of `ranges`. `affected.name` is not checked
 * here: the caller has already picked the entries for the package's name.
 */
export function isAffected(version: string, affected: Affected): boolean {
  if (affected.versions?.includes(version)) return true;
  const ranges = affected.ranges;
  if (ranges === undefined || ranges.length === 0) return false;
  // A version that is not semver (a git commit, a tarball URL) cannot sit inside a SEMVER range.
  const v = parseVersion(version);
  if (v === null) return false;
  return ranges.some((range) => inRange(v, compile(range)));
}

/**
 * Inside one range: before one of its limits, and the last sorted event that applies to v leaves it
 * vulnerable. Same as OSV's pseudocode: walk the events in version order; `introduced` <= v turns
 * vulnerable on, `fixed` <= v or `last_affected` < v turns it off.
 */
function inRange(v: SemVer, range: CompiledRange): boolean {
  if (range.limits !== undefined && !range.limits.some((limit) => limit === INFINITY || v.compare(limit) < 0)) return false;
  let vulnerable = false;
  for (const e of range.events) {
    if (e.kind === 'introduced') {
      if (e.at === ZERO || v.compare(e.at) >= 0) vulnerable = true;
    } else if (e.kind === 'fixed') {
      if (v.compare(e.at) >= 0) vulnerable = false;
    } else if (v.compare(e.at) > 0) {
      vulnerable = false;
    }
  }
  return vulnerable;
}

// ---- compiled ranges -------------------------------------------------------------------------

const ZERO = Symbol('introduced "0": before every version');
const INFINITY = Symbol('limit "*": after every version');

type CompiledEvent =
  | { kind: 'introduced'; at: SemVer | typeof ZERO }
  | { kind: 'fixed' | 'lastAffected'; at: SemVer };

interface CompiledRange {
  /** Sorted by version; "0" first; equal versions keep their order in the record. */
  events: CompiledEvent[];
  /** undefined: no limit events (OSV assumes an implicit `limit: "*"`). */
  limits: Array<SemVer | typeof INFINITY> | undefined;
}

/**
 * Ranges are parsed and sorted once, not on every check: a whole-disk scan asks the same
 * advisory about many versions. Keyed by the range object, so records that are dropped free it.
 */
const compiled = new WeakMap<VersionRange, CompiledRange>();

function compile(range: VersionRange): CompiledRange {
  let c = compiled.get(range);
  if (c === undefined) {
    c = compileRange(range);
    compiled.set(range, c);
  }
  return c;
}

/**
 * Bad bounds are outside the spec; they are read so that a broken record errs towards "affected"
 * (a false alarm) rather than "clean": an unparsable `introduced` counts as "0", an unparsable
 * `fixed` or `last_affected` is dropped (the range stays open), an unparsable `limit` counts as "*".
 */
function compileRange(range: VersionRange): CompiledRange {
  const events: CompiledEvent[] = [];
  let limits: CompiledRange['limits'];
  for (const event of range.events) {
    const e = eventOf(event);
    if (e.kind === 'limit') {
      const at = e.value.includes('*') ? null : parseVersion(e.value);
      (limits ??= []).push(at ?? INFINITY);
      continue;
    }
    const at = e.value === '0' ? null : parseVersion(e.value);
    if (e.kind === 'introduced') events.push({ kind: 'introduced', at: at ?? ZERO });
    else if (at !== null) events.push({ kind: e.kind, at });
  }
  events.sort(compareEvents); // stable: ties keep the record's order
  return { events, limits };
}

function compareEvents(a: CompiledEvent, b: CompiledEvent): number {
  if (a.at === ZERO || b.at === ZERO) return a.at === b.at ? 0 : a.at === ZERO ? -1 : 1;
  return a.at.compare(b.at);
}

/** The one key of an OSV event (the record format allows exactly one per event object). */
function eventOf(event: RangeEvent): { kind: 'introduced' | 'fixed' | 'lastAffected' | 'limit'; value: string } {
  if ('introduced' in event) return { kind: 'introduced', value: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', value: event.fixed };
  if ('lastAffected' in event) return { kind: 'lastAffected', value: event.lastAffected };
  return { kind: 'limit', value: event.limit };
}

/** Versions an `affected` entry names as clean: its ranges' `fixed` events and its `safe` list. */
export function knownGoodVersions(affected: Affected): string[] {
  const out = [...(affected.safe ?? [])];
  for (const range of affected.ranges ?? []) {
    for (const event of range.events) if ('fixed' in event) out.push(event.fixed);
  }
  return out;
}
