import { describe, expect, it } from 'vitest';
import { parseSource, sourceKind } from './parse.js';
import type { AstNode, AstProgram } from './types.js';
import { walk } from './walk.js';

function ok(text: string, path = 'index.js'): AstProgram {
  const r = parseSource(text, path);
  expect(r.error).toBeNull();
  expect(r.program).not.toBeNull();
  return r.program!;
}

function nodesOf(program: AstProgram, type: string): AstNode[] {
  const out: AstNode[] = [];
  walk(program, { enter: (n) => void (n.type === type && out.push(n)) });
  return out;
}

describe('parseSource', () => {
  it('parses ESM as a module', () => {
    const p = ok("import fs from 'node:fs';\nexport const x = await fs.promises.readFile('a');\n", 'a.mjs');
    expect(p.type).toBe('Program');
    expect(p.sourceType).toBe('module');
    expect(p.body.map((n) => n.type)).toEqual(['ImportDeclaration', 'ExportNamedDeclaration']);
  });

  it('parses CommonJS: top-level return, sloppy mode, Annex B', () => {
    const text = "#!/usr/bin/env node\n<!-- legacy comment\nvar pkg = require('./package.json');\nwith (pkg) { x = 0777; }\nif (!pkg) return;\nmodule.exports = pkg;\n";
    for (const path of ['index.js', 'index.cjs']) expect(ok(text, path).body.length).toBe(4);
  });

  it('parses ESM syntax in a .cjs file and CJS in a .mjs file rather than losing them', () => {
    expect(ok("export default 1;", 'lying.cjs').body[0]!.type).toBe('ExportDefaultDeclaration');
    expect(ok('return 1;', 'lying.mjs').body[0]!.type).toBe('ReturnStatement');
  });

  it('parses JSX in .jsx and in plain .js', () => {
    for (const path of ['App.jsx', 'App.js']) {
      const p = ok('export const App = () => <div className="a">{x}<br /></div>;', path);
      expect(nodesOf(p, 'JSXElement')).toHaveLength(2);
    }
  });

  it('parses TypeScript and TSX to ESTree with TS nodes', () => {
    const p = ok("enum E { A = 1 }\nexport class C<T> implements I { @dec private x: T = (y as any)!; constructor(readonly n: number) {} }\nconst s = a?.b;\n", 'c.ts');
    expect(p.body.map((n) => n.type)).toEqual(['TSEnumDeclaration', 'ExportNamedDeclaration', 'VariableDeclaration']);
    expect(nodesOf(p, 'PropertyDefinition')).toHaveLength(1);
    expect(nodesOf(p, 'ChainExpression')).toHaveLength(1);
    expect(nodesOf(p, 'Decorator')).toHaveLength(1);
    const tsx = ok('export const L = <T,>(p: { items: T[] }) => <ul>{p.items.length}</ul>;', 'l.tsx');
    expect(nodesOf(tsx, 'JSXElement')).toHaveLength(1);
    expect(ok("import x = require('x');\nexport = x;", 'c.cts').body).toHaveLength(2);
    expect(ok('declare module "m" { export function f(): void; }', 'types.d.ts').body).toHaveLength(1);
  });

  it('produces ESTree shapes rules rely on: Literal with raw, Property, ChainExpression', () => {
    const p = ok("const o = { a: '\\x41', b: /re/g, c: 10n }; o?.a;");
    const literals = nodesOf(p, 'Literal') as unknown as { raw: string }[];
    expect(literals.map((l) => l.raw)).toEqual(["'\\x41'", '/re/g', '10n']);
    expect(nodesOf(p, 'Property')).toHaveLength(3);
    expect(nodesOf(p, 'ChainExpression')).toHaveLength(1);
  });

  it('gives UTF-16 offsets with non-ASCII text before the node', () => {
    for (const path of ['a.js', 'a.ts']) {
      const text = "const s = 'héllo 😀 日本'; fetch(s);";
      const call = nodesOf(ok(text, path), 'CallExpression')[0]!;
      expect(text.slice(call.start, call.end)).toBe('fetch(s)');
    }
    const bom = '\uFEFFeval(x);';
    const call = nodesOf(ok(bom), 'CallExpression')[0]!;
    expect(bom.slice(call.start, call.end)).toBe('eval(x)');
  });

  it('parses a 2 MB single-line minified file', () => {
    const chunk = 'var a0=function(b,c){return b+c*2},d0=[1,2,3].map(function(e){return e?"x":\'y\'});';
    const parts: string[] = [];
    for (let i = 0; parts.length * chunk.length < 2 * 2 ** 20; i++) parts.push(chunk.replaceAll('0', String(i)));
    const text = parts.join('');
    expect(text).not.toContain('\n');
    const started = performance.now();
    const p = ok(text, 'bundle.min.js');
    expect(p.body.length).toBe(parts.length);
    expect(p.end).toBe(text.length);
    // Generous: a loaded CI machine; the point is "seconds, not minutes" (about 1 s here).
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('returns null and a one-line error with line:column for a syntax error', () => {
    const r = parseSource('const ok = 1;\nconst é = ;\n', 'bad.js');
    expect(r.program).toBeNull();
    expect(r.error).toMatch(/\(2:11\)$/);
    expect(r.error).not.toContain('\n');
    const ts = parseSource('let x: = 1;', 'bad.ts');
    expect(ts.program).toBeNull();
    expect(ts.error).toMatch(/\(1:8\)$/);
  });

  it('reports the CommonJS error, not the module attempt, for a broken CommonJS file', () => {
    const r = parseSource('if (a) return;\nfoo(;\n', 'x.js');
    expect(r.error).toMatch(/\(2:5\)$/);
  });

  it('never throws: nesting that exhausts the stack is an error, not a crash', () => {
    const deep = `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)};`;
    for (const path of ['deep.js', 'deep.ts']) {
      const r = parseSource(deep, path);
      expect(r.program).toBeNull();
      expect(r.error).toMatch(/nested too deeply|\(\d+:\d+\)/);
    }
    // A long flat chain is fine: it is not recursion in the parser.
    expect(ok(`x = a${' + a'.repeat(50_000)};`).body).toHaveLength(1);
  }, 30_000);
});

describe('sourceKind', () => {
  it('picks language, JSX and goal order from the extension', () => {
    expect(sourceKind('a.cjs')).toMatchObject({ language: 'js', goals: ['commonjs', 'module'] });
    expect(sourceKind('a.mjs')).toMatchObject({ language: 'js', goals: ['module', 'commonjs'] });
    expect(sourceKind('a.jsx')).toMatchObject({ language: 'js', jsx: true });
    expect(sourceKind('a.mts')).toMatchObject({ language: 'ts', jsx: false });
    expect(sourceKind('a.cts')).toMatchObject({ language: 'ts', goals: ['commonjs', 'module'] });
    expect(sourceKind('A.TSX')).toMatchObject({ language: 'ts', jsx: true });
    expect(sourceKind('x.d.mts')).toMatchObject({ language: 'ts', declaration: true });
    expect(sourceKind('LICENSE')).toMatchObject({ language: 'js' });
  });
});
