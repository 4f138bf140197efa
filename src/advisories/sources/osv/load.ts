import type { Diagnostic } from '../../../core/index.js';
import type { Advisory } from '../../types.js';
import { convertOsvRecord } from './convert.js';
import { readOsvDocuments, type OsvSourceKind } from './read.js';

/** What an import saw, record by record. */
export interface OsvLoadStats {
  /** Records read (a JSON file holding a list counts each element). */
  records: number;
  /** Became an Advisory. */
  converted: number;
  withdrawn: number;
  /** No npm package with versions in it. */
  notNpm: number;
  /** Not JSON, not an OSV record, or unreadable inside the archive. */
  malformed: number;
}

export interface OsvLoadOptions {
  /** Skip detection when the caller knows it. */
  kind?: OsvSourceKind;
  /** Checked between records: an aborted load stops with the signal's reason. */
  signal?: AbortSignal;
}

export interface OsvLoad {
  /** Converted advisories in source order. Iterate once. */
  advisories: AsyncIterable<Advisory>;
  /** Live counts; final once `advisories` is exhausted. */
  readonly stats: Readonly<OsvLoadStats>;
  /** The skipped malformed records, summarised (final once `advisories` is exhausted). */
  diagnostics(): Diagnostic[];
}

/** How many malformed records are named one by one before the rest are only counted. */
const EXAMPLES = 5;

/**
 * OSV records from a JSON file, a directory or the export zip, as Advisories. Malformed records
 * are skipped and counted (one Diagnostic sums them up, naming the first few); an unreadable
 * file, directory or archive throws ToolError naming it.
 */
export function loadOsv(path: string, opts: OsvLoadOptions = {}): OsvLoad {
  const stats: OsvLoadStats = { records: 0, converted: 0, withdrawn: 0, notNpm: 0, malformed: 0 };
  const examples: string[] = [];
  const malformed = (location: string, reason: string) => {
    stats.malformed++;
    if (examples.length < EXAMPLES) examples.push(`${location}: ${reason}`);
  };

  async function* advisories(): AsyncGenerator<Advisory> {
    const docs = readOsvDocuments(path, { onUnreadable: (u) => { stats.records++; malformed(u.location, u.reason); }, ...(opts.kind ? { kind: opts.kind } : {}) });
    for await (const doc of docs) {
      opts.signal?.throwIfAborted();
      for (const { location, record, error } of parseDocument(doc.location, doc.bytes)) {
        stats.records++;
        if (error !== undefined) {
          malformed(location, error);
          continue;
        }
        const result = convertOsvRecord(record);
        if (result.status === 'ok') {
          stats.converted++;
          yield result.advisory;
        } else if (result.status === 'withdrawn') stats.withdrawn++;
        else if (result.status === 'not-npm') stats.notNpm++;
        else malformed(location, result.reason);
      }
    }
  }

  return {
    advisories: advisories(),
    stats,
    diagnostics() {
      if (stats.malformed === 0) return [];
      const more = stats.malformed - examples.length;
      return [{
        code: 'osv/malformed-record',
        severity: 'warning',
        message: `skipped ${stats.malformed} malformed OSV record${stats.malformed === 1 ? '' : 's'}: ${examples.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
        location: { file: path },
      }];
    },
  };
}

type Parsed = { location: string; record: unknown; error?: undefined } | { location: string; record?: undefined; error: string };

/** One document holds one record, a list of them, or an OSV API answer (`{ "vulns": [...] }`). */
function parseDocument(location: string, bytes: Buffer): Parsed[] {
  let value: unknown;
  try {
    // OSV writes UTF-8; a BOM from an editor should not cost the record.
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return [{ location, error: `not JSON (${(e as Error).message.split('\n')[0]})` }];
  }
  const list = Array.isArray(value) ? value
    : typeof value === 'object' && value !== null && !('id' in value) && Array.isArray((value as { vulns?: unknown }).vulns) ? (value as { vulns: unknown[] }).vulns
    : undefined;
  if (list === undefined) return [{ location, record: value }];
  return list.map((record, i) => ({ location: `${location}[${i}]`, record }));
}
