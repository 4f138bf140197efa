import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isVersion } from './registry-url.js';
import { isoTime, type ScanContext } from './scan.js';

/**
 * yarn 2+ caches: one zip per package in a cache folder (yarn 4's default global cache
 * `<global folder>/cache`, or a project's `.yarn/cache`), named by yarn's slugifyLocator plus a
 * checksum or cache key:
 *   <ident>-<protocol>[-<version>]-<locator hash, 10 hex>-<checksum or cache key>.zip
 * where <ident> is `name` or `@scope-name` (the slash is lost) and the version appears when the
 * reference's selector is a plain version (`npm:1.2.3`). The zip is never opened: the locator
 * hash is sha512(sha512(scope + name) + reference), so trying each place the scope could end,
 * with reference `npm:<version>`, finds the real name. Dated by the file's mtime.
 */
export async function scanYarnBerry(ctx: ScanContext): Promise<void> {
  const dir = ctx.location.path;
  for (const d of (await ctx.list(dir)) ?? []) {
    if (d.kind !== 'file' || !d.name.endsWith('.zip')) continue;
    const file = join(dir, d.name);
    ctx.pool.add(async () => {
      const parsed = parseBerryArchiveName(d.name);
      if (parsed === undefined) {
        ctx.problem('unknown-name', `${file}: not a yarn cache archive name; skipped`, file);
        return;
      }
      const stat = await ctx.stat(file);
      if (stat === undefined) return;
      ctx.found({ ...parsed, cache: 'yarn-berry', kind: 'package', path: file, fetchedAt: isoTime(stat.mtimeMs) });
    });
  }
}

export interface BerryArchive {
  name: string;
  version: string | null;
  /** Set when the hash could not settle where a scope ends (see CacheEntry.nameCandidates). */
  nameCandidates?: string[];
}

const ARCHIVE = /^(.+)-([0-9a-f]{10})-([0-9a-z]+)\.zip$/;
const PROTOCOL = /^[a-z][a-z0-9+]*$/;
const NAME = /^[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;

export function parseBerryArchiveName(fileName: string): BerryArchive | undefined {
  const m = ARCHIVE.exec(fileName);
  if (m === null) return undefined;
  const [, head, locatorHash] = m as unknown as [string, string, string];
  // Every way to read `head` as <ident>-npm-<version>, then as <ident>-<protocol>.
  const splits: { ident: string; version: string | null; reference: string | null }[] = [];
  for (let i = head.indexOf('-npm-'); i > 0; i = head.indexOf('-npm-', i + 1)) {
    const version = head.slice(i + '-npm-'.length);
    if (isVersion(version)) splits.push({ ident: head.slice(0, i), version, reference: `npm:${version}` });
  }
  const lastDash = head.lastIndexOf('-');
  if (lastDash > 0 && PROTOCOL.test(head.slice(lastDash + 1))) splits.push({ ident: head.slice(0, lastDash), version: null, reference: null });

  let fallback: BerryArchive | undefined;
  for (const split of splits) {
    const idents = identsFor(split.ident);
    if (split.reference !== null) {
      for (const ident of idents) {
        if (locatorHashOf(ident, split.reference).startsWith(locatorHash)) return { name: identName(ident), version: split.version };
      }
    }
    if (fallback === undefined && idents.length > 0) {
      const names = idents.map(identName);
      fallback = { name: names[0]!, version: split.version, ...(names.length > 1 ? { nameCandidates: names } : {}) };
    }
  }
  return fallback;
}

interface Ident {
  scope: string | null;
  name: string;
}

/** `name` -> itself; `@a-b-c` -> @a/b-c and @a-b/c (each dash could be the lost slash). */
function identsFor(slug: string): Ident[] {
  if (!slug.startsWith('@')) return NAME.test(slug) ? [{ scope: null, name: slug }] : [];
  const out: Ident[] = [];
  for (let i = slug.indexOf('-', 2); i > 0; i = slug.indexOf('-', i + 1)) {
    const scope = slug.slice(1, i);
    const name = slug.slice(i + 1);
    if (NAME.test(scope) && NAME.test(name)) out.push({ scope, name });
  }
  return out;
}

function identName(ident: Ident): string {
  return ident.scope === null ? ident.name : `@${ident.scope}/${ident.name}`;
}

/** yarn's makeHash(makeHash(scope, name), reference): sha512 of the concatenated strings, hex. */
function locatorHashOf(ident: Ident, reference: string): string {
  const identHash = sha512(`${ident.scope ?? ''}${ident.name}`);
  return sha512(`${identHash}${reference}`);
}

function sha512(text: string): string {
  return createHash('sha512').update(text).digest('hex');
}

/**
 * yarn 4's packument cache in its global folder: `metadata/npm/<hash>/<registry host>/<file>.json`,
 * where <file> is `name` or `@scope-name-<length of scope>` (the length makes the slash
 * recoverable). Names come from the file names; the documents are not read.
 */
export async function scanYarnBerryMetadata(ctx: ScanContext): Promise<void> {
  const npmDir = await ctx.dirAt(ctx.location.path, 'metadata', 'npm');
  if (npmDir === undefined) return;
  for (const version of (await ctx.list(npmDir)) ?? []) {
    if (version.kind !== 'dir') continue;
    for (const host of (await ctx.list(join(npmDir, version.name))) ?? []) {
      if (host.kind !== 'dir') continue;
      const hostDir = join(npmDir, version.name, host.name);
      ctx.pool.add(async () => {
        for (const f of (await ctx.list(hostDir)) ?? []) {
          if (f.kind !== 'file') continue;
          const name = parseBerryMetadataName(f.name);
          if (name === undefined) continue;
          const file = join(hostDir, f.name);
          ctx.pool.add(async () => {
            const stat = await ctx.stat(file);
            if (stat !== undefined) ctx.found({ name, version: null, cache: 'yarn-berry', kind: 'packument', path: file, fetchedAt: isoTime(stat.mtimeMs) });
          });
        }
      });
    }
  }
}

export function parseBerryMetadataName(fileName: string): string | undefined {
  if (!fileName.endsWith('.json')) return undefined;
  const stem = fileName.slice(0, -'.json'.length);
  if (!stem.startsWith('@')) return NAME.test(stem) ? stem : undefined;
  const m = /^@(.+)-(\d+)$/.exec(stem);
  if (m === null) return undefined;
  const length = Number(m[2]);
  const scopeAndName = m[1]!;
  const scope = scopeAndName.slice(0, length);
  const name = scopeAndName.slice(length + 1);
  return scopeAndName[length] === '-' && NAME.test(scope) && NAME.test(name) ? `@${scope}/${name}` : undefined;
}
