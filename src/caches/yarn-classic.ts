import { basename, join } from 'node:path';
import { isVersion } from './registry-url.js';
import { isoTime, type ScanContext } from './scan.js';
import type { FileStat } from '../core/index.js';

/**
 * yarn 1's cache. The location is the cache root (`yarn cache dir` minus its last part); yarn
 * writes under a layout version, `v6` for yarn 1.10 to 1.22 (older releases used v1 to v5):
 *   v6/<registry>-<slug>-<version>-<hash or uid>[-integrity]/node_modules/<name>/.yarn-metadata.json
 * next to the unpacked files and `.yarn-tarball.tgz`. The metadata's `manifest` has the real name
 * and version; the folder names are lossy (the slug keeps only `@`, a-z and 0-9), so they are only
 * the fallback when the metadata is missing or broken. Dated by the metadata file's mtime (the
 * tarball's when there is no metadata).
 */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;

export async function scanYarnClassic(ctx: ScanContext): Promise<void> {
  const root = ctx.location.path;
  const versions = /^v\d+$/.test(basename(root))
    ? [root]
    : ((await ctx.list(root)) ?? []).filter((d) => d.kind === 'dir' && /^v\d+$/.test(d.name)).map((d) => join(root, d.name));
  for (const dir of versions) {
    for (const d of (await ctx.list(dir)) ?? []) {
      // `.tmp` holds downloads in progress.
      if (d.kind !== 'dir' || d.name.startsWith('.')) continue;
      ctx.pool.add(() => readEntry(ctx, join(dir, d.name), d.name));
    }
  }
}

async function readEntry(ctx: ScanContext, dir: string, slug: string): Promise<void> {
  const nm = await ctx.dirAt(dir, 'node_modules');
  if (nm === undefined) return; // not a package entry (yarn keeps other things in the cache root too)
  for (const d of (await ctx.list(nm)) ?? []) {
    if (d.kind !== 'dir') continue;
    if (d.name.startsWith('@')) {
      for (const s of (await ctx.list(join(nm, d.name))) ?? []) if (s.kind === 'dir') await readPackage(ctx, join(nm, d.name, s.name), `${d.name}/${s.name}`, slug);
    } else await readPackage(ctx, join(nm, d.name), d.name, slug);
  }
}

async function readPackage(ctx: ScanContext, pkgDir: string, folderName: string, slug: string): Promise<void> {
  const metaFile = join(pkgDir, '.yarn-metadata.json');
  const meta = await ctx.stat(metaFile);
  const fromMeta = meta ? await manifestOf(ctx, metaFile, meta) : undefined;
  if (fromMeta) {
    ctx.found({ ...fromMeta, cache: 'yarn-classic', kind: 'package', path: metaFile, fetchedAt: isoTime(meta?.mtimeMs) });
    return;
  }
  // No usable metadata (yarn was interrupted, or the file is broken): the folder names still tell.
  const tarball = join(pkgDir, '.yarn-tarball.tgz');
  const dated = meta ?? (await ctx.stat(tarball));
  if (dated === undefined) return; // an unpacked folder without either file is not a finished entry
  ctx.found({
    name: folderName,
    version: versionFromSlug(slug, folderName),
    cache: 'yarn-classic',
    kind: 'package',
    path: meta ? metaFile : tarball,
    fetchedAt: isoTime(dated.mtimeMs),
  });
}

async function manifestOf(ctx: ScanContext, file: string, stat: FileStat): Promise<{ name: string; version: string } | undefined> {
  const text = await ctx.readSmall(file, MAX_METADATA_BYTES, stat);
  if (text === undefined) return undefined;
  try {
    const manifest = (JSON.parse(text) as { manifest?: { name?: unknown; version?: unknown } } | null)?.manifest;
    if (typeof manifest?.name === 'string' && typeof manifest.version === 'string' && manifest.name !== '' && manifest.version !== '') {
      return { name: manifest.name, version: manifest.version };
    }
    ctx.problem('bad-index', `${file}: no manifest name and version; taken from the folder names`, file);
  } catch {
    ctx.problem('bad-index', `${file}: not JSON (a torn write?); taken from the folder names`, file);
  }
  return undefined;
}

/**
 * The version in yarn 1's folder name `<registry>-<slug(name)>-<version>[-<hash>][-integrity]`,
 * where slug() turns every run of characters other than `@`, a-z, 0-9 into one dash. Null when
 * the name does not fit (the hash is a sha1; a git dependency's uid is a commit id).
 */
export function versionFromSlug(folder: string, name: string): string | null {
  const slug = name.replace(/[^@a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const afterRegistry = folder.slice(folder.indexOf('-') + 1);
  if (!afterRegistry.startsWith(`${slug}-`)) return null;
  const rest = afterRegistry
    .slice(slug.length + 1)
    .replace(/-integrity$/, '')
    .replace(/-[0-9a-f]{40}$|-[0-9a-f]{128}$/, '');
  return isVersion(rest) ? rest : null;
}
