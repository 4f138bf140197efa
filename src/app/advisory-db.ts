import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ToolError, type Diagnostic } from '../core/index.js';
import { OSV_NPM_EXPORT_URL, detectOsvSource, downloadToFile, loadOsv, type OsvLoadStats, type OsvSourceKind } from '../advisories/index.js';
import {
  createAdvisoryDbWriter,
  openAdvisoryDbReader,
  replaceFileAtomically,
  type AdvisoryDbReader,
  type AdvisoryDbSummary,
  type AdvisorySourceInfo,
} from '../infra/index.js';

/** The id of the OSV import in the database's `sources` table. */
export const OSV_SOURCE_ID = 'osv';

export type UpdateProgress =
  | { phase: 'download'; bytes: number; total: number | undefined }
  | { phase: 'import'; records: number; stored: number };

export interface UpdateAdvisoryDbOptions {
  /** An http(s) URL, or a local OSV JSON file, directory of them, or zip. Default: OSV's npm export. */
  source?: string;
  dbPath: string;
  /** Resolves a relative local source. Default: the process's working directory. */
  cwd?: string;
  /** Injected in tests; Node's fetch otherwise. */
  fetch?: typeof fetch;
  /** Download inactivity timeout. Default 60 s. */
  timeoutMs?: number;
  /** Abort to interrupt: the previous database stays as it was. */
  signal?: AbortSignal;
  onProgress?: (p: UpdateProgress) => void;
  /** The import time recorded in the database (tests pin it). */
  now?: () => Date;
}

export interface UpdateAdvisoryDbResult {
  dbPath: string;
  /** As given (a URL, or the resolved local path). */
  source: string;
  sourceKind: 'url' | OsvSourceKind;
  /** Bytes downloaded, for a URL source. */
  downloadedBytes: number | null;
  stats: OsvLoadStats & {
    /** Advisories in the new database. */
    stored: number;
    /** Records replaced by a later record sharing an id or alias. */
    replaced: number;
    malware: number;
    vulnerability: number;
  };
  diagnostics: Diagnostic[];
  elapsedMs: number;
}

/**
 * Rebuilds the advisory database from an OSV source: download (for a URL) and import into a new
 * file beside `dbPath`, then rename it over the old one. Whatever goes wrong (bad URL, HTTP error,
 * timeout, unreadable archive, no npm records at all, an interrupt) the previous database is left
 * as it was and the temporary files are removed.
 */
export async function updateAdvisoryDb(opts: UpdateAdvisoryDbOptions): Promise<UpdateAdvisoryDbResult> {
  const started = performance.now();
  const given = opts.source ?? OSV_NPM_EXPORT_URL;
  const source = localPathOf(given, opts.cwd);
  /** The resolved path of a local source, the URL otherwise: what messages and `sources` show. */
  const shown = source ?? given;
  const importedAt = (opts.now?.() ?? new Date()).toISOString();
  const progress = opts.onProgress ?? (() => {});
  try {
    return await replaceFileAtomically(opts.dbPath, async (temp) => {
      const download = source === null ? `${temp}.download` : null;
      try {
        let downloadedBytes: number | null = null;
        if (download !== null) {
          const { bytes } = await downloadToFile(given, download, {
            ...(opts.fetch ? { fetch: opts.fetch } : {}),
            ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
            ...(opts.signal ? { signal: opts.signal } : {}),
            onProgress: (p) => progress({ phase: 'download', ...p }),
          });
          downloadedBytes = bytes;
        }
        const local = download ?? source!;
        const kind = await detectOsvSource(local);
        const load = loadOsv(local, { kind, ...(opts.signal ? { signal: opts.signal } : {}) });
        const writer = createAdvisoryDbWriter(temp, { builtAt: importedAt });
        try {
          let replaced = 0;
          let newest = '';
          for await (const advisory of load.advisories) {
            replaced += writer.put(OSV_SOURCE_ID, advisory);
            if (advisory.modified > newest) newest = advisory.modified;
            // Every record: the CLI throttles what it shows, and an abort from a listener lands promptly.
            progress({ phase: 'import', records: load.stats.records, stored: load.stats.converted - replaced });
          }
          opts.signal?.throwIfAborted();
          const stored = writer.count(OSV_SOURCE_ID);
          if (stored === 0) {
            throw new ToolError(ErrorCodes.format, `${shown}: no npm advisories in it (${describeStats(load.stats)})`, {
              hint: 'pass OSV records for the npm ecosystem: a JSON file, a directory of them, or OSV\'s npm all.zip',
            });
          }
          const stats = load.stats;
          writer.putSource({
            id: OSV_SOURCE_ID,
            location: shown,
            importedAt,
            records: stored,
            skipped: stats.withdrawn + stats.notNpm + stats.malformed + replaced,
            newestModified: newest || null,
          });
          writer.close();
          progress({ phase: 'import', records: stats.records, stored });
          // Kind counts come from the finished file: replaced records must not count.
          const reader = openAdvisoryDbReader(temp);
          let counts: { malware: number; vulnerability: number };
          try {
            const { malware, vulnerability } = reader.summary().counts;
            counts = { malware, vulnerability };
          } finally {
            reader.close();
          }
          return {
            dbPath: opts.dbPath,
            source: shown,
            sourceKind: download !== null ? 'url' : kind,
            downloadedBytes,
            stats: { ...stats, stored, replaced, ...counts },
            diagnostics: load.diagnostics(),
            elapsedMs: performance.now() - started,
          };
        } catch (e) {
          writer.abandon();
          throw e;
        }
      } finally {
        if (download !== null) await rm(download, { force: true }).catch(() => {});
      }
    });
  } catch (e) {
    if (opts.signal?.aborted) throw interrupted(opts.dbPath, opts.signal.reason);
    throw e;
  }
}

/** null for an http(s) URL; the absolute path for a local source (a file: URL counts as local). */
function localPathOf(source: string, cwd: string | undefined): string | null {
  if (/^https?:\/\//i.test(source)) return null;
  if (/^file:\/\//i.test(source)) return fileURLToPath(source);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(source)) {
    throw new ToolError(ErrorCodes.usage, `${source}: only http(s) URLs and local paths can be imported`, {
      hint: 'pass an https URL, or download the file and pass its path',
    });
  }
  return resolve(cwd ?? '.', source);
}

function interrupted(dbPath: string, reason: unknown): ToolError {
  if (reason instanceof ToolError) return reason;
  return new ToolError(ErrorCodes.interrupted, `update interrupted; ${dbPath} is unchanged`, { hint: 'run `chainwatch db update` again to finish it' });
}

function describeStats(s: OsvLoadStats): string {
  return `${s.records} records: ${s.withdrawn} withdrawn, ${s.notNpm} not for npm, ${s.malformed} malformed`;
}

export type AdvisoryDbStatus =
  | { dbPath: string; exists: false }
  | ({ dbPath: string; exists: true; sizeBytes: number; sources: Array<AdvisorySourceInfo & { ageMs: number }> } & Omit<AdvisoryDbSummary, 'sources'>);

/** What `chainwatch db status` shows. A missing database is a status, not an error. */
export async function advisoryDbStatus(opts: { dbPath: string; now?: () => Date }): Promise<AdvisoryDbStatus> {
  const reader = openAdvisoryDb(opts.dbPath);
  if (reader === null) return { dbPath: opts.dbPath, exists: false };
  try {
    const summary = reader.summary();
    const now = (opts.now?.() ?? new Date()).getTime();
    return {
      dbPath: opts.dbPath,
      exists: true,
      sizeBytes: statSync(opts.dbPath).size,
      ...summary,
      sources: summary.sources.map((s) => ({ ...s, ageMs: Math.max(0, now - Date.parse(s.importedAt)) })),
    };
  } finally {
    reader.close();
  }
}

/**
 * The advisory database for matching, or null when there is none yet (scan then says OSV data is
 * absent). A file that is there but unusable throws the "rebuild it" ToolError.
 */
export function openAdvisoryDb(dbPath: string): AdvisoryDbReader | null {
  if (!existsSync(dbPath)) return null;
  return openAdvisoryDbReader(dbPath);
}
