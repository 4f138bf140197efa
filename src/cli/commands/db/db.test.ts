import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR } from '../../../advisories/sources/osv/test-support/zip.js';
import type { CliIo } from '../../io.js';
import { run } from '../../run.js';
import { age } from './output.js';

const scratch = mkdtempSync(join(tmpdir(), 'chainwatch-dbcli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function io(opts: { env?: Record<string, string>; stderrTty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { isTTY: opts.stderrTty ?? false, write: (s: string) => err.push(s) },
    env: opts.env ?? { HOME: scratch },
    cwd: scratch,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

describe('chainwatch db (in-process)', () => {
  it('imports a directory, then shows its status as text and JSON', async () => {
    const u = io({ stderrTty: true });
    expect(await run(['db', 'update', '--source', SAMPLE_DIR, '--db', 'adv.db'], u.value)).toBe(0);
    expect(u.out()).toMatch(new RegExp(`^Updated ${join(scratch, 'adv.db')}\n  source   ${SAMPLE_DIR}\n  stored   54 advisories: 54 malware, 0 vulnerabilities\n  read     67 records; skipped 13 withdrawn\ntook \\d+\\.\\d s\n$`));
    // Progress went to the terminal and was cleared.
    expect(u.err().startsWith('\r\u001b[2Kimporting: ')).toBe(true);
    expect(u.err().endsWith('\r\u001b[2K')).toBe(true);

    const s = io();
    expect(await run(['db', 'status', '--db', 'adv.db'], s.value)).toBe(0);
    expect(s.out()).toContain(`${join(scratch, 'adv.db')}\n  osv      ${SAMPLE_DIR}\n           imported `);
    expect(s.out()).toContain('(less than a minute ago), newest record 2025-12-01T04:28:31Z');
    expect(s.out()).toContain('  records  54 advisories: 54 malware, 0 vulnerabilities, for 54 packages');

    const j = io();
    expect(await run(['db', 'status', '--db', 'adv.db', '--format', 'json'], j.value)).toBe(0);
    const doc = JSON.parse(j.out());
    expect(doc).toMatchObject({ schemaVersion: 1, db: join(scratch, 'adv.db'), exists: true, databaseSchema: 1, counts: { malware: 54, vulnerability: 0, total: 54, packages: 54 } });
    expect(doc.sources[0]).toMatchObject({ id: 'osv', location: SAMPLE_DIR, records: 54, skipped: 13 });
  });

  it('uses XDG_CACHE_HOME, else ~/.cache, when --db is not given', async () => {
    const xdg = join(scratch, 'xdg');
    const a = io({ env: { HOME: scratch, XDG_CACHE_HOME: xdg } });
    expect(await run(['db', 'update', '--source', SAMPLE_DIR, '--format', 'json'], a.value)).toBe(0);
    expect(JSON.parse(a.out())).toMatchObject({ db: join(xdg, 'chainwatch', 'advisories.db'), source: { location: SAMPLE_DIR, kind: 'dir', downloadedBytes: null }, records: { stored: 54, withdrawn: 13 } });
    const b = io();
    expect(await run(['db', 'status'], b.value)).toBe(0);
    expect(b.out()).toBe(`No advisory database at ${join(scratch, '.cache', 'chainwatch', 'advisories.db')} yet.\nRun \`chainwatch db update\` to download OSV's npm advisories; until then scan uses the curated incidents only.\n`);
  });

  it('exits 2 with one line and a hint for a corrupted database, as JSON too', async () => {
    const bad = join(scratch, 'bad.db');
    writeFileSync(bad, 'garbage'.repeat(1000));
    const t = io();
    expect(await run(['db', 'status', '--db', bad], t.value)).toBe(2);
    expect(t.err()).toBe(
      `chainwatch: error: ${bad} is not a usable chainwatch database (not an SQLite file); delete it or run \`chainwatch db update\` to rebuild it\n` +
        'hint: `chainwatch db update` builds a new file beside it and replaces it only once complete\n',
    );
    const j = io();
    expect(await run(['db', 'status', '--db', bad, '--format', 'json'], j.value)).toBe(2);
    expect(JSON.parse(j.out())).toMatchObject({ error: { code: 'ERR_DATABASE' } });
  });

  it('exits 2 naming a missing source, and rejects a bad --timeout', async () => {
    const t = io();
    expect(await run(['db', 'update', '--source', 'nowhere', '--db', 'x.db'], t.value)).toBe(2);
    expect(t.err().split('\n')[0]).toBe(`chainwatch: error: ${join(scratch, 'nowhere')}: no such file or directory`);
    const u = io();
    expect(await run(['db', 'update', '--timeout', 'soon'], u.value)).toBe(2);
    expect(u.err()).toContain("--timeout: 'soon' is not a positive number of seconds");
  });

  it('has help with examples', async () => {
    const t = io();
    expect(await run(['db', 'update', '--help'], t.value)).toBe(0);
    expect(t.out()).toContain('Examples:');
    expect(t.out()).toContain('--source <url|path>');
    const s = io();
    expect(await run(['db', '--help'], s.value)).toBe(0);
    expect(s.out()).toMatch(/update .*\n.*status/s);
  });

  it('says how old the data is in words', () => {
    expect(age(30_000)).toBe('less than a minute');
    expect(age(5 * 60_000)).toBe('5 minutes');
    expect(age(3 * 3600_000)).toBe('3 hours');
    expect(age(47 * 3600_000)).toBe('47 hours');
    expect(age(3 * 86400_000)).toBe('3 days');
  });
});
