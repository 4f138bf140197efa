import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ErrorCodes, ToolError } from '../../../core/index.js';

/** OSV's public export of every npm record (MAL- and GHSA-), one JSON file per record. */
export const OSV_NPM_EXPORT_URL = 'https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip';

export interface DownloadProgress {
  bytes: number;
  /** From Content-Length, when the server sends it. */
  total: number | undefined;
}

export interface DownloadOptions {
  /** Injected in tests; Node's global fetch otherwise. */
  fetch?: typeof fetch;
  /** Give up when no data arrives for this long (connecting, or stalled mid-body). Default 60 s. */
  timeoutMs?: number;
  /** The user's interrupt: the download stops and rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
}

/**
 * Streams `url` into `dest` (which must not exist). The timeout is one of inactivity, not of the
 * whole transfer: a large export on a slow link is fine, a server that stops answering is not.
 * Every failure is one ToolError naming the URL; a partial `dest` is the caller's to remove.
 */
export async function downloadToFile(url: string, dest: string, opts: DownloadOptions = {}): Promise<{ bytes: number }> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const fetchImpl = opts.fetch ?? fetch;
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), timeoutMs);
  const resetTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), timeoutMs);
  };
  const signal = opts.signal ? AbortSignal.any([idle.signal, opts.signal]) : idle.signal;
  const fail = (e: unknown): never => {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (idle.signal.aborted) {
      throw new ToolError(ErrorCodes.network, `${url}: no data for ${Math.round(timeoutMs / 100) / 10} s, gave up`, {
        cause: e,
        hint: 'try again later, or download the file yourself and pass it with --source',
      });
    }
    if (e instanceof ToolError) throw e;
    throw new ToolError(ErrorCodes.network, `${url}: download failed (${networkReason(e)})`, {
      cause: e,
      hint: 'check the network connection, or download the file yourself and pass it with --source',
    });
  };

  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { signal, redirect: 'follow' });
    } catch (e) {
      return fail(e);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new ToolError(ErrorCodes.network, `${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, {
        hint: response.status === 404 ? 'check the URL' : 'try again later, or download the file yourself and pass it with --source',
      });
    }
    if (!response.body) throw new ToolError(ErrorCodes.network, `${url}: the server sent no body`, { hint: 'check the URL' });
    const total = Number(response.headers.get('content-length')) || undefined;
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        resetTimer();
        bytes += chunk.length;
        opts.onProgress?.({ bytes, total });
        done(null, chunk);
      },
    });
    const out = createWriteStream(dest, { flags: 'wx' });
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, out, { signal });
    } catch (e) {
      if (isFsError(e)) {
        throw new ToolError(ErrorCodes.io, `${dest}: cannot write the download (${(e as NodeJS.ErrnoException).code})`, { cause: e, hint: 'check the free space and permissions of the cache directory, or pass --db' });
      }
      return fail(e);
    }
    return { bytes };
  } finally {
    clearTimeout(timer);
  }
}

/** The useful part of undici's "fetch failed": the socket error code behind it. */
function networkReason(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('ABORT')) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return (e as Error | undefined)?.message ?? String(e);
}

function isFsError(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException & { syscall?: string };
  return typeof err?.syscall === 'string' && ['open', 'write', 'close'].includes(err.syscall) && typeof err.path === 'string';
}
