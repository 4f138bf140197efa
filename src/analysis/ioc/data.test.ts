import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { IOC_DATA_DIR, loadIocFiles } from './loader.js';
import { IOC_BASES, IOC_KINDS } from './types.js';
import { MIN_LITERAL, PATTERNS, validateIocFile } from './validate.js';

const schemaPath = new URL('../../../docs/schemas/ioc.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { pattern?: string; minLength?: number; properties?: Record<string, { enum?: string[]; pattern?: string }> }>;
};
const validateSchema = new Ajv({ allErrors: true }).compile(schema);

const INCIDENTS_DIR = new URL('../../../data/incidents/', import.meta.url);
const incidentIds = new Set(readdirSync(INCIDENTS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)));
const files = readdirSync(IOC_DATA_DIR).filter((f) => f.endsWith('.json')).sort();
const read = (file: string) => readFileSync(join(IOC_DATA_DIR, file), 'utf8');

describe('data/ioc', () => {
  it('has a file for each incident whose research gives usable indicators, and no stray files', () => {
    expect(files.map((f) => f.slice(0, -5))).toEqual([
      'axios-2026-03-31', 'colors-faker-2022-01-08', 'event-stream-2018-11', 'node-ipc-2022-03', 'nx-s1ngularity-2025-08-26',
      'prettier-scavenger-2025-07-18', 'qix-chalk-debug-2025-09-08', 'rc-2021-11-04', 'shai-hulud-2-2025-11-24', 'shai-hulud-2025-09-15',
      'solana-web3js-2024-12-03', 'tanstack-mini-shai-hulud-2026-05-11', 'ua-parser-js-2021-10-22',
    ]);
    expect(readdirSync(IOC_DATA_DIR).filter((f) => !f.endsWith('.json'))).toEqual(['README.md']);
  });

  it('names only incidents that exist in data/incidents (own and related)', () => {
    const named = loadIocFiles().flatMap((f) => [f.incident, ...f.related]);
    expect(named.filter((id) => !incidentIds.has(id))).toEqual([]);
  });

  it('gives every signature an id unique across all files', () => {
    const ids = loadIocFiles().flatMap((f) => f.signatures.map((s) => s.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('uses one id prefix per file and a different one in each file', () => {
    const prefixes = loadIocFiles().map((f) => [...new Set(f.signatures.map((s) => s.id.replace(/-\d+$/, '')))]);
    expect(prefixes.every((p) => p.length === 1)).toBe(true);
    const flat = prefixes.flat();
    expect(flat.filter((p, i) => flat.indexOf(p) !== i)).toEqual([]);
  });

  it('numbers the signatures of a file 1, 2, 3, … in order', () => {
    for (const f of loadIocFiles()) expect(f.signatures.map((s) => Number(s.id.replace(/^.*-/, '')))).toEqual(f.signatures.map((_, i) => i + 1));
  });

  it('has no value twice (one indicator, one signature)', () => {
    const keys = loadIocFiles().flatMap((f) => f.signatures.map((s) => `${s.kind}:${s.value}`));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    const text = read(file);
    const doc: unknown = JSON.parse(text);

    it('matches docs/schemas/ioc.schema.json', () => {
      validateSchema(doc);
      expect(validateSchema.errors ?? []).toEqual([]);
    });

    it('passes the loader\'s own checks', () => {
      expect(() => validateIocFile(doc, file, file.slice(0, -5))).not.toThrow();
    });

    it('is formatted as JSON.stringify(doc, null, 2) with a final newline', () => {
      expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    });
  });
});

describe('docs/schemas/ioc.schema.json and validate.ts agree', () => {
  it('uses the same patterns, kinds, bases and literal length', () => {
    const d = schema.definitions;
    expect(d['incidentId']!.pattern).toBe(PATTERNS.incident);
    expect(d['path']!.pattern).toBe(PATTERNS.path);
    expect(d['literal']!.pattern).toBe(PATTERNS.literal);
    expect(d['literal']!.minLength).toBe(MIN_LITERAL);
    const sig = d['signature']!.properties!;
    expect(sig['id']!.pattern).toBe(PATTERNS.signatureId);
    expect(sig['kind']!.enum).toEqual([...IOC_KINDS]);
    expect(sig['basis']!.enum).toEqual([...IOC_BASES]);
    const text = JSON.stringify(schema);
    for (const p of [PATTERNS.sha256, PATTERNS.domain, PATTERNS.ip, PATTERNS.hostUrl, PATTERNS.wallet, PATTERNS.url]) expect(text).toContain(JSON.stringify(p));
  });

  const good = {
    incident: 'demo-incident',
    references: ['https://example.test/advisory'],
    signatures: [{ id: 'demo-1', kind: 'string', value: 'unique payload marker', severity: 'high', basis: 'primary', note: 'n', source: 's' }],
  };
  const withSig = (patch: Record<string, unknown>) => ({ ...good, signatures: [{ ...good.signatures[0], ...patch }] });
  const broken: [string, unknown, RegExp][] = [
    ['not an object', [], /is not a mapping/],
    ['unknown field', { ...good, extra: 1 }, /extra is not a known field/],
    ['no references', { ...good, references: [] }, /references must list at least one/],
    ['http reference', { ...good, references: ['http://example.test'] }, /must be an https URL/],
    ['no signatures', { ...good, signatures: [] }, /must list at least one signature/],
    ['bad id', withSig({ id: 'Demo_1' }), /id "Demo_1" must be <short name>-<n>/],
    ['unknown kind', withSig({ kind: 'email' }), /kind must be one of/],
    ['short literal', withSig({ value: 'fetch' }), /must be one line of 8/],
    ['upper-case hash', withSig({ kind: 'sha256', value: 'A'.repeat(64) }), /is not a lower-case hex SHA-256/],
    ['domain with scheme', withSig({ kind: 'domain', value: 'https://evil.example' }), /is not a lower-case host name/],
    ['url with scheme', withSig({ kind: 'url', value: 'https://evil.example/x' }), /is not host\[:port\]\/path/],
    ['bad ip', withSig({ kind: 'ip', value: '300.1.2.3.4' }), /is not an IPv4 address/],
    ['absolute filename', withSig({ kind: 'filename', value: '/etc/passwd' }), /is not a package-relative path/],
    ['dot-dot filename', withSig({ kind: 'filename', value: 'lib/../x.js' }), /is not a package-relative path/],
    ['regex without needles', withSig({ kind: 'regex', value: 'a+b' }), /needles is required/],
    ['needles on a string', withSig({ needles: ['abcdefgh'] }), /needles is only for regex/],
    ['with on a string', withSig({ with: ['x.js'] }), /with is only for filename/],
    ['critical secondary', withSig({ severity: 'critical', basis: 'secondary' }), /must be high or lower for a secondary/],
    ['unknown basis', withSig({ basis: 'tertiary' }), /basis must be one of/],
  ];

  it.each(broken)('both reject: %s', (_name, doc, message) => {
    expect(validateSchema(doc)).toBe(false);
    expect(() => validateIocFile(doc, 'demo-incident.json', 'demo-incident')).toThrow(message);
  });

  it('both accept the minimal file', () => {
    expect(validateSchema(good)).toBe(true);
    expect(validateIocFile(good, 'demo-incident.json', 'demo-incident').signatures).toHaveLength(1);
  });

  it('the loader alone checks the file name, regex syntax, id prefixes and duplicate ids', () => {
    expect(() => validateIocFile(good, 'other.json', 'other')).toThrow(/"demo-incident" does not match the file name \(other\.json\)/);
    expect(() => validateIocFile(withSig({ kind: 'regex', value: '(unclosed', needles: ['abcdefgh'] }), 'f', 'demo-incident')).toThrow(/does not compile/);
    const two = { ...good, signatures: [good.signatures[0], { ...good.signatures[0], id: 'other-2', value: 'another marker' }] };
    expect(() => validateIocFile(two, 'f', 'demo-incident')).toThrow(/ids must share one prefix/);
    const dup = { ...good, signatures: [good.signatures[0], { ...good.signatures[0], value: 'another marker' }] };
    expect(() => validateIocFile(dup, 'f', 'demo-incident')).toThrow(/"demo-1" is listed twice/);
  });
});
