import { createHash } from 'node:crypto';

const sha = (algo: string, text: string) => createHash(algo).update(text).digest('hex');

/** One cacache index line as npm appends it: `\n<sha1(json)>\t<json>`. */
export function indexLine(entry: { key: string; integrity?: string | null; time?: number; metadata?: unknown }): string {
  const json = JSON.stringify({ key: entry.key, integrity: entry.integrity === undefined ? 'sha512-AAAA' : entry.integrity, time: entry.time ?? 0, size: 1, metadata: entry.metadata });
  return `\n${sha('sha1', json)}\t${json}`;
}

/** Where cacache keeps `key`'s bucket under the npm cache dir: _cacache/index-v5/<2>/<2>/<rest of sha256(key)>. */
export function bucketPath(cacheDir: string, key: string): string {
  const h = sha('sha256', key);
  return `${cacheDir}/_cacache/index-v5/${h.slice(0, 2)}/${h.slice(2, 4)}/${h.slice(4)}`;
}

export const requestKey = (url: string) => `make-fetch-happen:request-cache:${url}`;
