import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';

/** The real MAL records kept as fixtures, as [file name, bytes]. */
export const SAMPLE_DIR = join(__dirname, '..', 'fixtures', 'mal-sample');
export function sampleRecords(): Array<[string, Buffer]> {
  return readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, readFileSync(join(SAMPLE_DIR, f))]);
}

/** A zip of the given entries, built in memory the way OSV's export is (deflated, flat). */
export function buildZip(entries: Array<[string, Buffer | string]>, opts: { compress?: boolean; zip64?: boolean } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) {
    zip.addBuffer(Buffer.from(data), name, { mtime: new Date('2025-01-01T00:00:00Z'), compress: opts.compress ?? true, forceZip64Format: opts.zip64 ?? false });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}
