import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../../types.js';
import { loadOsv } from './load.js';
import { detectOsvSource } from './read.js';
import { SAMPLE_DIR, buildZip, sampleRecords } from './test-support/zip.js';

const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-osv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const broken = join(__dirname, 'fixtures', 'broken');

async function collect(path: string) {
  const load = loadOsv(path);
  const advisories: Advisory[] = [];
  for await (const a of load.advisories) advisories.push(a);
  return { advisories, stats: { ...load.stats }, diagnostics: load.diagnostics() };
}

const samples = sampleRecords();
const withdrawn = samples.filter(([f]) => f.endsWith('.withdrawn.json')).length;

describe('loadOsv', () => {
  it('reads a directory of records, skipping withdrawn ones', async () => {
    const r = await collect(SAMPLE_DIR);
    expect(r.stats).toEqual({ records: samples.length, converted: samples.length - withdrawn, withdrawn, notNpm: 0, malformed: 0 });
    expect(r.diagnostics).toEqual([]);
    expect(r.advisories.map((a) => a.id)).toContain('MAL-2025-46969');
  });

  it('reads a single file, a list of records, and an OSV API answer', async () => {
    const one = await collect(join(SAMPLE_DIR, 'MAL-2025-46969__chalk.json'));
    expect(one.advisories.map((a) => a.id)).toEqual(['MAL-2025-46969']);
    const records = samples.slice(0, 3).map(([, b]) => JSON.parse(b.toString()));
    writeFileSync(join(scratch, 'list.json'), JSON.stringify(records));
    writeFileSync(join(scratch, 'answer.json'), JSON.stringify({ vulns: records }));
    for (const file of ['list.json', 'answer.json']) {
      const r = await collect(join(scratch, file));
      expect(r.stats.records).toBe(3);
      expect(r.advisories.map((a) => a.id)).toEqual(records.filter((x) => !x.withdrawn).map((x) => x.id));
    }
  });

  it('reads a zip as OSV exports it, streaming entry by entry, with the same result as the directory', async () => {
    const zipPath = join(scratch, 'all.zip');
    writeFileSync(zipPath, await buildZip([...samples, ['README.txt', 'not a record']]));
    const fromZip = await collect(zipPath);
    const fromDir = await collect(SAMPLE_DIR);
    expect(fromZip.stats).toEqual(fromDir.stats);
    expect(fromZip.advisories).toEqual(fromDir.advisories);
  });

  it('reads stored (uncompressed) and zip64 archives', async () => {
    for (const [name, opts] of [['stored.zip', { compress: false }], ['zip64.zip', { zip64: true }]] as const) {
      const path = join(scratch, name);
      writeFileSync(path, await buildZip(samples.slice(0, 5), opts));
      expect((await collect(path)).stats.records, name).toBe(5);
    }
  });

  it('detects a zip by its magic bytes whatever its name', async () => {
    const path = join(scratch, 'export.bin');
    writeFileSync(path, await buildZip(samples.slice(0, 2)));
    expect(await detectOsvSource(path)).toBe('zip');
    expect(await detectOsvSource(SAMPLE_DIR)).toBe('dir');
    expect(await detectOsvSource(join(SAMPLE_DIR, 'MAL-2025-46969__chalk.json'))).toBe('file');
  });

  it('skips and counts malformed records with one diagnostic naming the first few', async () => {
    const r = await collect(broken);
    expect(r.advisories.map((a) => a.id)).toEqual(['MAL-0000-5']);
    expect(r.stats).toMatchObject({ records: 6, converted: 1, malformed: 5 });
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    expect(d).toMatchObject({ code: 'osv/malformed-record', severity: 'warning', location: { file: broken } });
    expect(d!.message).toMatch(/^skipped 5 malformed OSV records: /);
    expect(d!.message).toContain(`${join(broken, 'no-id.json')}: no "id"`);
    expect(d!.message).toContain(`${join(broken, 'not-records.json')}[0]: not a JSON object`);
    expect(d!.message).toContain(`${join(broken, 'truncated.json')}: not JSON`);
    expect(d!.message).not.toContain('more');
    const many = join(scratch, 'many-broken');
    mkdirSync(many);
    for (let i = 0; i < 7; i++) writeFileSync(join(many, `${i}.json`), '{');
    expect((await collect(many)).diagnostics[0]!.message).toMatch(/^skipped 7 malformed OSV records: .*; and 2 more$/);
  });

  it('skips a damaged zip entry and reads the rest', async () => {
    const good = samples[0]!;
    const zip = await buildZip([['bad.json', JSON.stringify({ id: 'MAL-1', padding: 'x'.repeat(4000) })], good]);
    // Overwrite the middle of the first entry's deflated data (it follows its name in the local header).
    const at = zip.indexOf('bad.json') + 'bad.json'.length;
    zip.fill(0xff, at + 4, at + 24);
    const path = join(scratch, 'damaged.zip');
    writeFileSync(path, zip);
    const r = await collect(path);
    expect(r.stats).toMatchObject({ records: 2, malformed: 1 });
    expect(r.advisories).toHaveLength(good[0].endsWith('.withdrawn.json') ? 0 : 1);
    expect(r.diagnostics[0]!.message).toContain(`${path}!/bad.json: cannot be decompressed`);
  });

  it('follows no symbolic links in a directory', async () => {
    const dir = join(scratch, 'linked');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeFileSync(join(dir, 'nested', 'a.json'), samples[0]![1]);
    symlinkSync(SAMPLE_DIR, join(dir, 'elsewhere'));
    symlinkSync(join(SAMPLE_DIR, samples[1]![0]), join(dir, 'b.json'));
    expect((await collect(dir)).stats.records).toBe(1);
  });

  it('throws a ToolError naming an unreadable source', async () => {
    await expect(collect(join(scratch, 'missing.zip'))).rejects.toMatchObject({ code: 'ERR_IO', message: `${join(scratch, 'missing.zip')}: no such file or directory` });
    const notZip = join(scratch, 'not-a.zip');
    writeFileSync(notZip, 'hello, this is text');
    await expect(collect(notZip)).rejects.toMatchObject({ code: 'ERR_FORMAT', message: expect.stringMatching(new RegExp(`^${notZip}: not a usable zip file \\(`)) });
    const truncated = join(scratch, 'truncated.zip');
    writeFileSync(truncated, (await buildZip(samples.slice(0, 5))).subarray(0, 3000));
    await expect(collect(truncated)).rejects.toMatchObject({ code: 'ERR_FORMAT' });
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const load = loadOsv(SAMPLE_DIR, { signal: controller.signal });
    let n = 0;
    await expect(async () => {
      for await (const advisory of load.advisories) if (advisory && ++n === 3) controller.abort(new Error('stop'));
    }).rejects.toThrow('stop');
    expect(n).toBe(3);
  });
});
