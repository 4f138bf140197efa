import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import valid from 'semver/functions/valid.js';
import { afterAll, describe, expect, it } from 'vitest';
import { isToolError } from '../../../core/index.js';
import { fixCandidates, matchPackages } from '../../matcher.js';
import { CURATED_DATA_DIR, curatedAdvisories, curatedIndex, loadCuratedIncidents } from './loader.js';
import { INCIDENT_CONFIDENCES, INCIDENT_KINDS } from './types.js';
import { PATTERNS, validateIncident } from './validate.js';

const schemaPath = new URL('../../../../docs/schemas/incident.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
  properties: Record<string, { enum?: string[]; pattern?: string }>;
  definitions: Record<string, { pattern?: string; properties?: Record<string, { pattern?: string }> }>;
};
const validateSchema = new Ajv({ allErrors: true }).compile(schema);

const files = readdirSync(CURATED_DATA_DIR).filter((f) => f.endsWith('.json')).sort();
const read = (file: string) => readFileSync(join(CURATED_DATA_DIR, file), 'utf8');

describe('data/incidents', () => {
  it('has the incidents the issue asks for, and no stray files', () => {
    expect(files).toHaveLength(18);
    expect(readdirSync(CURATED_DATA_DIR).filter((f) => !f.endsWith('.json'))).toEqual(['README.md']);
    const names = new Set(loadCuratedIncidents().flatMap((i) => i.packages.map((p) => p.name)));
    const wanted = [
      'chalk', 'debug', 'duckdb', '@ctrl/tinycolor', 'nx', 'eslint-config-prettier', 'is', 'rand-user-agent',
      '@solana/web3.js', '@lottiefiles/lottie-player', 'ua-parser-js', 'coa', 'rc', 'event-stream', 'flatmap-stream',
      'eslint-scope', 'node-ipc', 'colors', 'faker',
    ];
    expect(wanted.filter((n) => !names.has(n))).toEqual([]);
  });

  it('keeps the full published lists (regression guard for the imported lists)', () => {
    const byId = new Map(loadCuratedIncidents().map((i) => [i.id, i]));
    const count = (id: string) => {
      const i = byId.get(id)!;
      return [i.packages.length, i.packages.reduce((n, p) => n + p.versions.length, 0)];
    };
    expect(count('qix-chalk-debug-2025-09-08')).toEqual([19, 19]);
    expect(count('duckdb-proto-tinker-2025-09-09')).toEqual([5, 5]);
    expect(count('shai-hulud-2025-09-15')).toEqual([216, 581]);
    expect(count('shai-hulud-2-2025-11-24')).toEqual([795, 1091]);
    expect(count('tanstack-mini-shai-hulud-2026-05-11')).toEqual([42, 84]);
  });

  it('keeps the notes that were comments in the YAML files', () => {
    const notes = Object.fromEntries(loadCuratedIncidents().flatMap((i) => (i.notes ? [[i.id, i.notes]] : [])));
    expect(Object.keys(notes).sort()).toEqual(['coa-2021-11-04', 'nx-s1ngularity-2025-08-26', 'tanstack-mini-shai-hulud-2026-05-11']);
    expect(notes['coa-2021-11-04']).toEqual(['One community list gives 3.0.2 instead of 3.0.1; this follows the advisory (research note).']);
    expect(notes['nx-s1ngularity-2025-08-26']).toEqual(['Not listed: @nrwl/nx, which a single scanner flags with no second source (research note).']);
    expect(notes['tanstack-mini-shai-hulud-2026-05-11']![0]).toMatch(/^Left out: .*\(@tanstack\/solid-router-devtools@1\.167\.0, @tanstack\/start-storage-context@1\.167\.4\)$/);
  });

  describe.each(files)('%s', (file) => {
    const text = read(file);
    const doc: unknown = JSON.parse(text);

    it('matches docs/schemas/incident.schema.json', () => {
      validateSchema(doc);
      expect(validateSchema.errors ?? []).toEqual([]);
    });

    it('is formatted as JSON.stringify(incident, null, 2) with a final newline (what import-research writes)', () => {
      expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    });

    it('keeps the invariants the schema cannot express', () => {
      const incident = doc as { id: string; packages: { name: string; versions: string[]; safe?: string }[] };
      expect(`${incident.id}.json`).toBe(file);
      const names = incident.packages.map((p) => p.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
      const versions = incident.packages.flatMap((p) => [...p.versions, ...(p.safe ? [p.safe] : [])]);
      expect(versions.filter((v) => valid(v) !== v)).toEqual([]);
    });
  });
});

describe('curated incidents as advisories', () => {
  const match = (name: string, version: string) => matchPackages([{ name, version }], [curatedIndex()]).map((m) => m.advisory.id);

  it('matches the compromised versions and not their neighbours', () => {
    expect(match('chalk', '5.6.1')).toEqual(['qix-chalk-debug-2025-09-08']);
    expect(match('debug', '4.4.2')).toEqual(['qix-chalk-debug-2025-09-08']);
    expect(match('chalk', '5.6.0')).toEqual([]);
    expect(match('chalk', '5.6.2')).toEqual([]);
    expect(match('debug', '4.4.1')).toEqual([]);
    expect(match('duckdb', '1.3.3')).toEqual(['duckdb-proto-tinker-2025-09-09']);
    expect(match('colors', '1.4.44-liberty-2')).toEqual(['colors-faker-2022-01-08']);
    expect(match('colors', '1.4.0')).toEqual([]);
  });

  it('matches every Shai-Hulud 2.0 version, e.g. the first one listed', () => {
    const sh2 = loadCuratedIncidents().find((i) => i.id === 'shai-hulud-2-2025-11-24')!;
    const refs = sh2.packages.flatMap((p) => p.versions.map((version) => ({ name: p.name, version })));
    const matches = matchPackages(refs, [curatedIndex()]);
    expect(matches).toHaveLength(refs.length);
    expect(new Set(matches.map((m) => m.advisory.id))).toEqual(new Set(['shai-hulud-2-2025-11-24']));
    const first = sh2.packages[0]!;
    expect(match(first.name, first.versions[0]!)).toEqual(['shai-hulud-2-2025-11-24']);
  });

  it('gives advisories of source curated, kind malware, explicit versions', () => {
    for (const a of curatedAdvisories()) {
      expect(a).toMatchObject({ source: 'curated', kind: 'malware' });
      expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      for (const entry of a.affected) {
        expect(entry.ranges).toBeUndefined();
        expect(entry.versions!.length).toBeGreaterThan(0);
      }
    }
  });

  it('offers the safe versions the research names as fix candidates', () => {
    expect(fixCandidates('@solana/web3.js', curatedAdvisories())).toEqual(['1.95.8']);
    expect(fixCandidates('@lottiefiles/lottie-player', curatedAdvisories())).toEqual(['2.0.8']);
    expect(fixCandidates('chalk', curatedAdvisories())).toEqual([]);
  });

  it('loads once per process', () => {
    expect(loadCuratedIncidents()).toBe(loadCuratedIncidents());
    expect(curatedIndex()).toBe(curatedIndex());
  });
});

describe('loader validation agrees with the schema', () => {
  it('uses the schema\'s patterns and enums', () => {
    expect(schema.properties.id!.pattern).toBe(PATTERNS.id);
    expect(schema.definitions.date!.pattern).toBe(PATTERNS.date);
    expect((schema.properties.aliases as { items: { pattern: string } }).items.pattern).toBe(PATTERNS.alias);
    expect((schema.properties.references as { items: { pattern: string } }).items.pattern).toBe(PATTERNS.url);
    expect(schema.definitions.package!.properties!.name!.pattern).toBe(PATTERNS.name);
    expect(schema.definitions.version!.pattern).toBe(PATTERNS.version);
    expect(schema.properties.kind!.enum).toEqual([...INCIDENT_KINDS]);
    expect(schema.properties.confidence!.enum).toEqual([...INCIDENT_CONFIDENCES]);
  });

  const good = {
    id: 'x-2025',
    date: '2025-01-02',
    title: 'A title',
    summary: 'What happened.',
    kind: 'worm',
    severity: 'critical',
    references: ['https://example.test/a'],
    packages: [{ name: '@scope/pkg', versions: ['1.0.0', '1.0.1-rc.1'] }],
  };
  const pkg = good.packages[0]!;
  // Broken documents both the schema and the loader must reject.
  const broken: Array<[string, unknown, RegExp]> = [
    ['not a mapping', ['a'], /is not a mapping/],
    ['missing title', { ...good, title: undefined }, /title must be non-empty text, found missing/],
    ['unknown field', { ...good, severty: 'high' }, /severty is not a known field/],
    ['bad kind', { ...good, kind: 'hack' }, /kind must be one of/],
    ['bad severity', { ...good, severity: 'urgent' }, /severity must be one of/],
    ['bad date', { ...good, date: '2025-13-01' }, /date "2025-13-01" must be a YYYY-MM-DD date/],
    ['date as number', { ...good, date: 2025 }, /date must be a string/],
    ['http reference', { ...good, references: ['http://example.test'] }, /references\[0\] "http:\/\/example.test" must be an https URL/],
    ['bad alias', { ...good, aliases: ['not an id'] }, /aliases\[0\]/],
    ['no packages', { ...good, packages: [] }, /packages must list at least one package/],
    ['upper-case name', { ...good, packages: [{ ...pkg, name: 'Chalk' }] }, /packages\[0\]\.name "Chalk" is not an npm package name/],
    ['no versions', { ...good, packages: [{ ...pkg, versions: [] }] }, /packages\[0\]\.versions must list at least one version/],
    ['range, not a version', { ...good, packages: [{ ...pkg, versions: ['^1.0.0'] }] }, /packages\[0\]\.versions\[0\] "\^1\.0\.0" is not an exact semver version/],
    ['two-part version', { ...good, packages: [{ ...pkg, versions: ['1.0'] }] }, /"1\.0" is not an exact semver version/],
    ['duplicate version', { ...good, packages: [{ ...pkg, versions: ['1.0.0', '1.0.0'] }] }, /"1\.0\.0" is listed twice/],
    ['unknown package field', { ...good, packages: [{ ...pkg, fixed: '2.0.0' }] }, /packages\[0\]\.fixed is not a known field/],
    ['notes not a list', { ...good, notes: 'a remark' }, /notes must be a list, found string "a remark"/],
    ['empty note', { ...good, notes: [''] }, /notes\[0\] must be non-empty text/],
    ['note not a string', { ...good, notes: [1] }, /notes\[0\] must be non-empty text, found number 1/],
  ];
  it.each(broken)('rejects: %s', (_, doc, message) => {
    expect(validateSchema(doc)).toBe(false);
    expect(() => validateIncident(doc, 'x-2025.json', 'x-2025')).toThrow(message);
  });

  // What only the loader can check.
  const invariantOnly: Array<[string, unknown, RegExp]> = [
    ['id differs from the file name', good, /id "x-2025" does not match the file name \(other\.json\)/],
    ['package listed twice', { ...good, packages: [pkg, pkg] }, /packages\[1\]\.name "@scope\/pkg" is listed twice/],
    ['leading zero', { ...good, packages: [{ ...pkg, versions: ['1.02.0'] }] }, /"1\.02\.0" is not an exact semver version/],
    ['safe version also affected', { ...good, packages: [{ ...pkg, safe: '1.0.0' }] }, /packages\[0\]\.safe "1\.0\.0" is also listed as affected/],
  ];
  it.each(invariantOnly)('rejects beyond the schema: %s', (_, doc, message) => {
    const id = message.source.includes('other') ? 'other' : 'x-2025';
    expect(() => validateIncident(doc, `${id}.json`, id)).toThrow(message);
  });

  it('accepts the good document', () => {
    expect(validateSchema(good)).toBe(true);
    expect(validateIncident(good, 'x-2025.json', 'x-2025')).toEqual({ ...good, aliases: [] });
  });

  it('accepts notes, and keeps them', () => {
    const withNotes = { ...good, notes: ['One source gives 1.0.2 instead of 1.0.1.'] };
    expect(validateSchema(withNotes)).toBe(true);
    expect(validateIncident(withNotes, 'x-2025.json', 'x-2025')).toEqual({ ...withNotes, aliases: [] });
  });
});

describe('malformed data files', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'chainwatch-incidents-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  function errorOf(fn: () => unknown) {
    try {
      fn();
    } catch (e) {
      if (isToolError(e)) return e;
      throw e;
    }
    throw new Error('expected a ToolError');
  }
  const validIncident = {
    id: 'ok-1',
    date: '2025-01-02',
    title: 't',
    summary: 's',
    kind: 'worm',
    severity: 'high',
    references: [],
    packages: [{ name: 'left-pad', versions: ['1.3.1'] }],
  };
  const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
  const validFile = json(validIncident);

  it('a folder without incident files is an error, not an empty database', () => {
    const dir = folder({ 'README.md': '# nothing here\n' });
    expect(errorOf(() => loadCuratedIncidents({ dir }))).toMatchObject({ code: 'ERR_IO', message: expect.stringMatching(/no incident files/) });
  });

  it('reads a folder of valid files', () => {
    const dir = folder({ 'ok-1.json': validFile, 'README.md': 'ignored', 'old-1.yaml': 'ignored: true' });
    expect(loadCuratedIncidents({ dir }).map((i) => i.id)).toEqual(['ok-1']);
    expect(matchPackages([{ name: 'left-pad', version: '1.3.1' }], [curatedIndex({ dir })])).toHaveLength(1);
  });

  it('a JSON syntax error is ERR_PARSE naming the file and line', () => {
    // The comma missing after line 3: V8 reports the position of the next key, on line 4.
    const dir = folder({ 'ok-1.json': validFile, 'bad-2.json': '{\n  "id": "bad-2",\n  "date": "2025-01-02"\n  "title": "t"\n}\n' });
    const e = errorOf(() => loadCuratedIncidents({ dir }));
    expect(e.code).toBe('ERR_PARSE');
    expect(e.message).toBe(`${join(dir, 'bad-2.json')}:4: invalid JSON: Expected ',' or '}' after property value`);
    expect(e.hint).toBeTruthy();
  });

  it('a truncated or empty file is ERR_PARSE at its last line with text', () => {
    const truncated = `${validFile.slice(0, validFile.indexOf('"left-pad"') + '"left-pad"'.length)}\n`;
    const dir = folder({ 'bad-2.json': truncated, 'bad-3.json': '' });
    const e = errorOf(() => loadCuratedIncidents({ dir }));
    expect(e.code).toBe('ERR_PARSE');
    expect(e.message).toMatch(new RegExp(`^${escape(join(dir, 'bad-2.json'))}:${truncated.trimEnd().split('\n').length}: invalid JSON: `));
    rmSync(join(dir, 'bad-2.json'));
    expect(errorOf(() => loadCuratedIncidents({ dir })).message).toBe(`${join(dir, 'bad-3.json')}:1: invalid JSON: Unexpected end of JSON input`);
  });

  it('a JSON syntax error without a position still names the file', () => {
    // Node 20 gives no position for an unexpected bare word (later versions do: then the line is 1).
    const dir = folder({ 'bad-2.json': '{ "id": bad-2 }\n' });
    const e = errorOf(() => loadCuratedIncidents({ dir }));
    expect(e.code).toBe('ERR_PARSE');
    expect(e.message).toMatch(new RegExp(`^${escape(join(dir, 'bad-2.json'))}(:1)?: invalid JSON: `));
  });

  it('a shape error is ERR_FORMAT naming the file and the field', () => {
    const dir = folder({ 'bad-3.json': json({ ...validIncident, id: 'bad-3', packages: [{ name: 'left-pad', versions: [1.3] }] }) });
    const e = errorOf(() => loadCuratedIncidents({ dir }));
    expect(e.code).toBe('ERR_FORMAT');
    expect(e.message).toBe(`${join(dir, 'bad-3.json')}: packages[0].versions[0] must be a string, found number 1.3`);
  });

  it('a file named differently from its id is ERR_FORMAT', () => {
    const dir = folder({ 'renamed.json': validFile });
    expect(errorOf(() => loadCuratedIncidents({ dir })).message).toMatch(/renamed\.json: id "ok-1" does not match the file name/);
  });

  it('a missing folder is ERR_IO', () => {
    const e = errorOf(() => loadCuratedIncidents({ dir: join(tmpdir(), 'chainwatch-no-such-dir-9f2c') }));
    expect(e.code).toBe('ERR_IO');
  });
});
