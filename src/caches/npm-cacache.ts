import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../core/index.js';
import { parseRegistryUrl } from './registry-url.js';
import { isoTime, type ScanContext } from './scan.js';
import type { CacheEntry } from './types.js';

/**
 * npm's cache (cacache, as npm 5 to 11 write it): `<cache>/_cacache/index-v5/xx/yy/<rest>` bucket
 * files named by the sha256 of their keys. Each line is `<sha1 of json>\t<json>`, appended on
 * every write; the json is `{ key, integrity, time, size, metadata }`, and a line whose
 * `integrity` is null deletes the key (`npm cache clean <key>`, failed integrity checks).
 * make-fetch-happen's keys are `make-fetch-happen:request-cache:<url>`: a tarball URL says which
 * version was fetched, a packument URL which name was resolved. Content blobs are never read.
 */
const KEY_PREFIX = 'make-fetch-happen:request-cache:';
/** A bucket holds a handful of lines; a busy key collects a few hundred. */
const MAX_BUCKET_BYTES = 16 * 1024 * 1024;

export function scanNpmCache(ctx: ScanContext): Promise<void> {
  return scanIndex(ctx, ctx.location.path);
}

async function scanIndex(ctx: ScanContext, cacheDir: string): Promise<void> {
  // The location is npm's `cache` setting; accept the _cacache folder itself too.
  const index = await (basename(cacheDir) === '_cacache' ? ctx.dirAt(cacheDir, 'index-v5') : ctx.dirAt(cacheDir, '_cacache', 'index-v5'));
  if (index === undefined) return; // an npm cache dir that only has _logs, say
  const top = await ctx.list(index);
  for (const a of top ?? []) {
    if (a.kind !== 'dir') continue;
    ctx.pool.add(async () => {
      for (const b of (await ctx.list(join(index, a.name))) ?? []) {
        if (b.kind !== 'dir') continue;
        ctx.pool.add(async () => {
          const dir = join(index, a.name, b.name);
          for (const f of (await ctx.list(dir)) ?? []) {
            if (f.kind === 'file') ctx.pool.add(() => readBucket(ctx, join(dir, f.name)));
          }
        });
      }
    });
  }
}

async function readBucket(ctx: ScanContext, file: string): Promise<void> {
  const text = await ctx.readSmall(file, MAX_BUCKET_BYTES);
  if (text === undefined) return;
  const { lines, diagnostics } = parseBucket(text, file);
  ctx.diagnostics.push(...diagnostics);
  for (const entry of entriesFromLines(lines, file)) ctx.found(entry);
}

export interface BucketLine {
  key: string;
  integrity: string | null;
  time: unknown;
  metadata: unknown;
  line: number;
}

/**
 * The lines of one bucket, in the order written. A line whose hash does not match its json is
 * what cacache itself ignores (a torn write, or tampering): it is reported and left out.
 */
export function parseBucket(text: string, file: string): { lines: BucketLine[]; diagnostics: Diagnostic[] } {
  const lines: BucketLine[] = [];
  const diagnostics: Diagnostic[] = [];
  const bad = (line: number, why: string) =>
    diagnostics.push({ code: 'caches/bad-line', message: `${file}:${line}: ${why}; line skipped`, severity: 'warning', location: { file, line } });
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const json = tab < 0 ? '' : line.slice(tab + 1);
    if (tab < 0 || sha1(json) !== line.slice(0, tab)) {
      bad(i + 1, 'index line does not match its checksum (cacache ignores it too)');
      continue;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(json);
    } catch {
      bad(i + 1, 'index line is not JSON');
      continue;
    }
    if (!isRecord(obj) || typeof obj.key !== 'string') {
      bad(i + 1, 'index line has no key');
      continue;
    }
    const integrity = typeof obj.integrity === 'string' && obj.integrity !== '' ? obj.integrity : null;
    lines.push({ key: obj.key, integrity, time: obj.time, metadata: obj.metadata, line: i + 1 });
  }
  return { lines, diagnostics };
}

/**
 * One entry per registry key: first fetched at its earliest stored line (npm appends a line each
 * time it refreshes an entry), deleted when its last line is a deletion.
 */
export function entriesFromLines(lines: BucketLine[], file: string): CacheEntry[] {
  const byKey = new Map<string, BucketLine[]>();
  for (const l of lines) {
    if (!l.key.startsWith(KEY_PREFIX)) continue;
    const list = byKey.get(l.key);
    if (list) list.push(l);
    else byKey.set(l.key, [l]);
  }
  const entries: CacheEntry[] = [];
  for (const [key, list] of byKey) {
    const url = key.slice(KEY_PREFIX.length);
    const stored = list.filter((l) => l.integrity !== null);
    const request = parseRegistryUrl(url);
    if (request === undefined) continue;
    if (request.kind === 'packument' && !looksLikePackumentRequest(stored)) continue;
    const times = stored.map((l) => isoTime(l.time)).filter((t): t is string => t !== null).sort();
    const last = list.at(-1)!;
    entries.push({
      name: request.name,
      version: request.kind === 'tarball' ? request.version : null,
      cache: 'npm',
      kind: request.kind,
      path: file,
      fetchedAt: times[0] ?? null,
      url,
      ...(last.integrity === null ? { deleted: true as const, deletedAt: isoTime(last.time) } : {}),
    });
  }
  return entries;
}

/**
 * A URL shaped like `<registry>/<name>` may also be some other download (a git host's archive
 * ends in a commit id). npm asks for packuments with a JSON `accept` header, which the entry's
 * metadata records; entries without recorded headers (deletion lines) are judged by the URL.
 */
function looksLikePackumentRequest(stored: BucketLine[]): boolean {
  for (const l of stored) {
    const headers = isRecord(l.metadata) && isRecord(l.metadata.reqHeaders) ? l.metadata.reqHeaders : undefined;
    if (headers === undefined) continue;
    const accept = headers.accept;
    return typeof accept === 'string' && /json/i.test(accept);
  }
  return true;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
