import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isToolError } from '../../core/index.js';
import { IOC_DATA_DIR, iocMatcher, loadIocFiles } from './loader.js';

const root = mkdtempSync(join(tmpdir(), 'chainwatch-ioc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function folder(files: Record<string, unknown>): string {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}
const doc = (incident: string, id: string, value = 'unique payload marker') => ({
  incident,
  references: ['https://example.test/a'],
  signatures: [{ id, kind: 'string', value, severity: 'high', basis: 'primary', note: 'n', source: 's' }],
});

function thrown(fn: () => unknown): { code: string; message: string; hint: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (isToolError(e)) return { code: e.code, message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error('did not throw');
}

describe('loadIocFiles / iocMatcher', () => {
  it('finds the shipped data at the package root', () => {
    expect(IOC_DATA_DIR.replace(/\\/g, '/')).toMatch(/\/data\/ioc$/);
    expect(loadIocFiles().length).toBeGreaterThan(10);
  });

  it('loads and compiles once per folder per process', () => {
    expect(iocMatcher()).toBe(iocMatcher());
    expect(loadIocFiles()).toBe(loadIocFiles());
  });

  it('reads another folder, ignoring files that are not JSON', () => {
    const dir = folder({ 'a-incident.json': doc('a-incident', 'a-1'), 'README.md': '# notes' });
    expect(iocMatcher({ dir }).matchText('xx unique payload marker').map((h) => h.signature.id)).toEqual(['a-1']);
  });

  it('refuses a missing folder and a folder without data, naming it', () => {
    const missing = join(root, 'nope');
    expect(thrown(() => loadIocFiles({ dir: missing }))).toMatchObject({ code: 'ERR_IO', message: `${missing}: cannot read the IOC data folder` });
    const empty = folder({ 'README.md': 'x' });
    expect(thrown(() => loadIocFiles({ dir: empty })).message).toBe(`${empty}: no IOC files (*.json) in the IOC data folder`);
  });

  it('names the file (and line) with broken JSON or a broken signature', () => {
    const dir = folder({ 'a-incident.json': '{ "incident": ' });
    expect(thrown(() => loadIocFiles({ dir }))).toMatchObject({ code: 'ERR_PARSE', message: expect.stringContaining(`${join(dir, 'a-incident.json')}:1: invalid JSON`) });
    const dir2 = folder({ 'a-incident.json': doc('a-incident', 'a-1', 'short') });
    expect(thrown(() => loadIocFiles({ dir: dir2 }))).toMatchObject({
      code: 'ERR_FORMAT',
      message: `${join(dir2, 'a-incident.json')}: signatures[0].value "short" must be one line of 8 to 4096 characters`,
      hint: expect.stringContaining('docs/schemas/ioc.schema.json'),
    });
  });

  it('refuses one signature id in two files', () => {
    const dir = folder({ 'a-incident.json': doc('a-incident', 'x-1'), 'b-incident.json': doc('b-incident', 'x-1', 'another marker') });
    expect(thrown(() => loadIocFiles({ dir })).message).toBe(`${join(dir, 'b-incident.json')}: signature id "x-1" is also used in a-incident.json`);
  });
});
