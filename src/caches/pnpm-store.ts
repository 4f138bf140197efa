import { basename, join } from 'node:path';
import { isVersion } from './registry-url.js';
import { isoTime, type ScanContext } from './scan.js';
import type { FileStat } from '../core/index.js';

/**
 * pnpm's content-addressable store. The location is the store dir (pnpm's `store-dir`, default
 * `<pnpm home>/store`); pnpm adds a layout version below it:
 *   v3  (pnpm 7 to 9)  files/xx/<hash of the tarball's integrity>-index.json, next to the content
 *                      files; the json is { name, version, files, ... } (name and version since pnpm 8)
 *   v10 (pnpm 10)      index/xx/<hash>-<name>@<version>.json (a scoped name's `/` is `+`), same json
 * Only index files are read (v10's only when the file name does not give name and version);
 * content files are never opened. An index file is dated by its modification time (pnpm writes
 * it once, when it adds the package).
 */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

export async function scanPnpmStore(ctx: ScanContext): Promise<void> {
  const root = ctx.location.path;
  // The location may already be the versioned folder (a store-dir that ends in /v3 is used as is).
  const versions = /^v\d+$/.test(basename(root))
    ? [root]
    : ((await ctx.list(root)) ?? []).filter((d) => d.kind === 'dir' && /^v\d+$/.test(d.name)).map((d) => join(root, d.name));
  const unnamed = { count: 0, first: '' };
  for (const dir of versions) {
    const children = new Set(((await ctx.list(dir)) ?? []).filter((d) => d.kind === 'dir').map((d) => d.name));
    if (children.has('index')) await forEachShardFile(ctx, join(dir, 'index'), (file, name) => readV10Index(ctx, file, name, unnamed));
    else if (children.has('files')) {
      await forEachShardFile(ctx, join(dir, 'files'), (file, name) => (name.endsWith('-index.json') ? readIndexJson(ctx, file, unnamed) : undefined));
    }
  }
  await ctx.pool.idle();
  if (unnamed.count > 0) {
    const more = unnamed.count > 1 ? ` and ${unnamed.count - 1} more index files` : '';
    ctx.problem('unnamed', `${unnamed.first}${more}: no package name and version (written by pnpm 7 or older); not reported`, unnamed.first);
  }
}

/** Calls `each` (in the pool) for every file in the two-hex-digit shard folders under `dir`. */
async function forEachShardFile(ctx: ScanContext, dir: string, each: (file: string, name: string) => Promise<void> | undefined): Promise<void> {
  for (const shard of (await ctx.list(dir)) ?? []) {
    if (shard.kind !== 'dir') continue;
    ctx.pool.add(async () => {
      const shardDir = join(dir, shard.name);
      for (const f of (await ctx.list(shardDir)) ?? []) {
        if (f.kind !== 'file') continue;
        const file = join(shardDir, f.name);
        ctx.pool.add(async () => {
          await each(file, f.name);
        });
      }
    });
  }
}

interface Unnamed {
  count: number;
  first: string;
}

async function readV10Index(ctx: ScanContext, file: string, fileName: string, unnamed: Unnamed): Promise<void> {
  if (!fileName.endsWith('.json')) return;
  const fromName = parseV10IndexName(fileName);
  if (fromName === undefined) return readIndexJson(ctx, file, unnamed);
  const stat = await ctx.stat(file);
  if (stat === undefined) return;
  found(ctx, file, fromName.name, fromName.version, stat);
}

/**
 * `<hex>-<name>@<version>.json` -> name and version. pnpm replaces `\ / : * ? " < > |` in the
 * package id by `+`; for a registry package that is only a scoped name's slash. Other ids (git,
 * tarball URLs) give undefined, and the file's json is read instead.
 */
export function parseV10IndexName(fileName: string): { name: string; version: string } | undefined {
  const m = /^[0-9a-f]+-(@[^@+/]+\+)?([^@+/]+)@([^@+/]+)\.json$/.exec(fileName);
  if (m === null || !isVersion(m[3]!)) return undefined;
  return { name: m[1] ? `${m[1].slice(0, -1)}/${m[2]}` : m[2]!, version: m[3]! };
}

async function readIndexJson(ctx: ScanContext, file: string, unnamed: Unnamed): Promise<void> {
  const stat = await ctx.stat(file);
  if (stat === undefined) return;
  const text = await ctx.readSmall(file, MAX_INDEX_BYTES, stat);
  if (text === undefined) return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    ctx.problem('bad-index', `${file}: not JSON (a torn write?); skipped`, file);
    return;
  }
  const rec = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
  if (typeof rec.name !== 'string' || rec.name === '' || typeof rec.version !== 'string' || rec.version === '') {
    if (unnamed.count++ === 0) unnamed.first = file;
    return;
  }
  found(ctx, file, rec.name, rec.version, stat);
}

function found(ctx: ScanContext, file: string, name: string, version: string, stat: FileStat): void {
  ctx.found({ name, version, cache: 'pnpm', kind: 'package', path: file, fetchedAt: isoTime(stat.mtimeMs) });
}

/**
 * pnpm's metadata cache (its `cache-dir`, default ~/.cache/pnpm): `metadata*\/<host>/<name>.json`
 * (`@scope/<name>.json` for scoped names), one packument per resolved name. pnpm 8 writes
 * `metadata/`, pnpm 9 and 10 `metadata-v1.3/` (and `metadata-full-*` for full documents).
 * Names come from the paths; the documents are not read.
 */
export async function scanPnpmMetadata(ctx: ScanContext): Promise<void> {
  const root = ctx.location.path;
  for (const meta of (await ctx.list(root)) ?? []) {
    if (meta.kind !== 'dir' || !meta.name.startsWith('metadata')) continue;
    const metaDir = join(root, meta.name);
    for (const host of (await ctx.list(metaDir)) ?? []) {
      if (host.kind !== 'dir') continue;
      ctx.pool.add(() => scanHost(ctx, join(metaDir, host.name)));
    }
  }
}

async function scanHost(ctx: ScanContext, dir: string): Promise<void> {
  for (const d of (await ctx.list(dir)) ?? []) {
    if (d.kind === 'file') packument(ctx, join(dir, d.name), d.name, '');
    else if (d.kind === 'dir' && d.name.startsWith('@')) {
      const scopeDir = join(dir, d.name);
      ctx.pool.add(async () => {
        for (const f of (await ctx.list(scopeDir)) ?? []) if (f.kind === 'file') packument(ctx, join(scopeDir, f.name), f.name, `${d.name}/`);
      });
    }
  }
}

function packument(ctx: ScanContext, file: string, fileName: string, scope: string): void {
  if (!fileName.endsWith('.json') || fileName.length <= '.json'.length) return;
  ctx.pool.add(async () => {
    const stat = await ctx.stat(file);
    if (stat === undefined) return;
    ctx.found({ name: `${scope}${fileName.slice(0, -'.json'.length)}`, version: null, cache: 'pnpm', kind: 'packument', path: file, fetchedAt: isoTime(stat.mtimeMs) });
  });
}
