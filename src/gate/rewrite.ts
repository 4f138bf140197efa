import semver from 'semver';
import type { Decision } from './decide.js';

type Json = Record<string, unknown>;

/**
 * A packument as the gate serves it: blocked versions are gone from `versions` and `time`, every
 * dist-tag points at a version that is still there, and every `dist.tarball` points at the gate.
 * Works on the full and the abbreviated document alike, and never changes `doc` itself.
 *
 * A tag whose version is blocked moves to the highest remaining version below it (a prerelease only
 * for a tag that was on a prerelease), so `latest` becomes the newest allowed release and a package
 * manager resolving `^1.2.0` picks what it would have picked before that release existed. A tag
 * with nothing left below it is removed.
 */
export function rewritePackument(doc: Json, decisions: ReadonlyMap<string, Decision>, tarballUrl: (version: string, original: string | undefined) => string): Json {
  const versions = mapping(doc['versions']);
  const kept: Json = {};
  for (const [version, entry] of Object.entries(versions)) {
    if (decisions.get(version)?.action === 'block') continue;
    const e = mapping(entry);
    const dist = mapping(e['dist']);
    const original = typeof dist['tarball'] === 'string' ? dist['tarball'] : undefined;
    kept[version] = { ...e, dist: { ...dist, tarball: tarballUrl(version, original) } };
  }
  const out: Json = { ...doc, versions: kept, 'dist-tags': retag(mapping(doc['dist-tags']), Object.keys(kept)) };
  if (doc['time'] !== undefined) {
    out['time'] = Object.fromEntries(Object.entries(mapping(doc['time'])).filter(([key]) => key === 'created' || key === 'modified' || Object.hasOwn(kept, key) || !Object.hasOwn(versions, key)));
  }
  return out;
}

function retag(tags: Json, remaining: string[]): Json {
  const valid = remaining.filter((v) => semver.valid(v) !== null).sort(semver.rcompare);
  const out: Json = {};
  for (const [tag, version] of Object.entries(tags)) {
    if (typeof version !== 'string') continue;
    if (remaining.includes(version)) {
      out[tag] = version;
      continue;
    }
    if (semver.valid(version) === null) continue;
    const prerelease = semver.prerelease(version) !== null;
    const below = valid.find((v) => semver.lt(v, version) && (prerelease || semver.prerelease(v) === null));
    if (below !== undefined) out[tag] = below;
  }
  return out;
}

function mapping(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
