import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from './yaml.js';

const readers = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every generated lockfile written in YAML: pnpm-lock.yaml and yarn berry's yarn.lock. */
function generatedLockfiles(folder: string, lockfile: string): string[] {
  const dir = join(readers, folder, 'fixtures', 'generated');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => join(folder, 'fixtures', 'generated', name, lockfile))
    .filter((path) => existsSync(join(readers, path)));
}
const pnpmFiles = generatedLockfiles('pnpm-lock', 'pnpm-lock.yaml');
const berryFiles = generatedLockfiles('yarn-berry', 'yarn.lock');

const OPTS = { hint: 'regenerate it' };

/** YamlValue (Maps) as the plain objects js-yaml returns. */
function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  return Array.isArray(value) ? value.map(plain) : value;
}

/** js-yaml's last document, the reference the fast path must match. */
function reference(text: string): unknown {
  const docs = yaml.loadAll(text, null, { schema: yaml.FAILSAFE_SCHEMA });
  return docs[docs.length - 1];
}

describe('YAML fast path', () => {
  it('has pnpm and berry fixtures to compare on', () => {
    expect(pnpmFiles.length).toBeGreaterThanOrEqual(12);
    expect(berryFiles.length).toBeGreaterThanOrEqual(12);
  });

  it.each([...pnpmFiles, ...berryFiles])('%s: same tree as js-yaml', (path) => {
    const text = readFileSync(join(readers, path), 'utf8');
    expect(plain(parseYaml(text, 'x', OPTS).doc)).toEqual(reference(text));
  });

  it('leaves what it does not handle to js-yaml (trailing comments, anchors, block scalars, documents)', () => {
    const cases = [
      'lockfileVersion: 5.4 # old\npackages:\n  /a/1.0.0: {}\n',
      'lockfileVersion: "9.0"\nx: &a {b: c}\ny: *a\n',
      'lockfileVersion: "9.0"\nx: |\n  two\n  lines\n',
      '---\nlockfileVersion: "9.0"\nimporters: {}\n---\nlockfileVersion: "9.0"\npackages:\n  a@1.0.0: {}\n',
      "lockfileVersion: '9.0'\nx: 'it''s'\ny: \"tab\\there\"\nz: [a, 'b, c', {d: e}]\n",
      'lockfileVersion: 9.0\nmulti: one\n  two\n',
    ];
    for (const text of cases) expect(plain(parseYaml(text, 'x', OPTS).doc)).toEqual(reference(text));
    const parsed = parseYaml(cases[3]!, 'x', { ...OPTS, sections: ['packages'] });
    expect(parsed.sectionLines.get('packages')?.get('a@1.0.0')).toBe(7);
    expect(parsed.topLines.get('packages')).toBe(6);
  });

  it('skips full-line comments at any indentation', () => {
    const text = '# head\n\n"a@npm:1, a@npm:^1":\n  # inside\n  version: 1.0.0\n    # deeper\n  deps:\n# at zero\n    b: "npm:^2"\n';
    const parsed = parseYaml(text, 'x', OPTS);
    expect(plain(parsed.doc)).toEqual(reference(text));
    expect(plain(parsed.doc)).toEqual({ 'a@npm:1, a@npm:^1': { version: '1.0.0', deps: { b: 'npm:^2' } } });
    expect(parsed.topLines.get('a@npm:1, a@npm:^1')).toBe(3);
  });

  it('gives the same key lines on the js-yaml path', () => {
    // The anchor sends the whole file to js-yaml.
    const text = "# c\nx: &a {b: c}\n'q: k':\n  v: 1\npackages:\n  '/a@1': {}\n  \"b@2\":\n    r: *a\n";
    const fast = parseYaml(text.replace('&a ', '').replace('*a', 'z'), 'x', { ...OPTS, sections: ['packages'] });
    const slow = parseYaml(text, 'x', { ...OPTS, sections: ['packages'] });
    expect(plain(slow.doc)).toEqual(reference(text));
    expect([...slow.topLines]).toEqual([['x', 2], ['q: k', 3], ['packages', 5]]);
    expect([...slow.sectionLines.get('packages')!]).toEqual([['/a@1', 6], ['b@2', 7]]);
    expect(slow.topLines).toEqual(fast.topLines);
    expect(slow.sectionLines).toEqual(fast.sectionLines);
  });

  it('reports a syntax error with its line and the caller hint', () => {
    // The comment line is skipped, not a plain scalar's continuation: both paths reject the file.
    expect(() => parseYaml('a: one\n# between\n  two\n', '/p/x.yaml', OPTS)).toThrow(/^\/p\/x\.yaml:3: invalid YAML: bad indentation/);
    expect(() => parseYaml('a:\n  b: "open\n', '/p/x.yaml', OPTS)).toThrow(
      expect.objectContaining({ code: 'ERR_PARSE', hint: 'regenerate it', message: expect.stringMatching(/^\/p\/x\.yaml:\d+: invalid YAML: /) }),
    );
  });
});
