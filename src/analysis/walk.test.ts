import { describe, expect, it } from 'vitest';
import { parseSource } from './parse.js';
import type { AstNode, AstProgram } from './types.js';
import { JS_KEYS, walk } from './walk.js';

function program(text: string, path = 'a.js'): AstProgram {
  const r = parseSource(text, path);
  if (r.program === null) throw new Error(r.error ?? 'no program');
  return r.program;
}

/** `Type` on enter, `/Type` on exit, with the parent's type (and the node's offset, with `at`). */
function trace(root: AstNode, keys?: Parameters<typeof walk>[2], at = false): string[] {
  const out: string[] = [];
  const where = (n: AstNode) => (at ? `@${(n as unknown as { start: number }).start}` : '');
  walk(
    root,
    {
      enter: (n, p) => void out.push(`${n.type}${where(n)}<${p?.type ?? '-'}`),
      exit: (n, p) => void out.push(`/${n.type}${where(n)}<${p?.type ?? '-'}`),
    },
    keys,
  );
  return out;
}

describe('walk', () => {
  it('enters and exits every node depth first, children in source order, with parents', () => {
    expect(trace(program('f(a, 1);'))).toEqual([
      'Program<-',
      'ExpressionStatement<Program',
      'CallExpression<ExpressionStatement',
      'Identifier<CallExpression',
      '/Identifier<CallExpression',
      'Identifier<CallExpression',
      '/Identifier<CallExpression',
      'Literal<CallExpression',
      '/Literal<CallExpression',
      '/CallExpression<ExpressionStatement',
      '/ExpressionStatement<Program',
      '/Program<-',
    ]);
  });

  it('walks JavaScript trees by its switch in exactly the order of the visitor keys', () => {
    // Every type the JS_KEYS walk visits by hand (member, call, new, statements, blocks, binary,
    // logical, assignment, this, literals), nested in each other and in types it walks by key.
    const code = [
      'const o = new Foo(a.b, this.c, "s");',
      'function f(x) { if (x && y || z) { x.y[z] = a + b * c; } return g(h(i), j => { k = j - 1; }); }',
      'o.p.q(f(1), 2)(3).r = s ?? t;',
    ].join('\n');
    const p = program(code);
    const byKeys = trace(p, undefined, true);
    expect(byKeys.length).toBeGreaterThan(100);
    expect(trace(p, JS_KEYS, true)).toEqual(byKeys);
  });

  it('passes the same parent object the child hangs from', () => {
    const p = program('const x = { a: [b] };');
    walk(p, {
      enter(node, parent) {
        if (parent === null) return expect(node).toBe(p);
        const values = Object.values(parent as unknown as Record<string, unknown>).flatMap((v) => (Array.isArray(v) ? v : [v]));
        expect(values).toContain(node);
      },
    });
  });

  it('skips the children of a node whose enter returns false, still exiting it', () => {
    const seen: string[] = [];
    walk(program('function f() { eval(x); } g();'), {
      enter: (n) => (seen.push(n.type), n.type !== 'FunctionDeclaration'),
      exit: (n) => void (n.type === 'FunctionDeclaration' && seen.push('/FunctionDeclaration')),
    });
    expect(seen).toContain('/FunctionDeclaration');
    expect(seen).not.toContain('BlockStatement');
    expect(seen.filter((t) => t === 'CallExpression')).toHaveLength(1);
  });

  it('reaches code inside decorators and TypeScript-only nodes', () => {
    const calls: string[] = [];
    const p = program("enum E { A = a() }\n@b() class C { constructor(private x = c()) {} m(): T { return (d() as any)!; } }\n", 'x.ts');
    walk(p, { enter: (n) => void (n.type === 'CallExpression' && calls.push(((n as { callee: { name: string } }).callee).name)) });
    expect(calls).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reaches code inside JavaScript decorators with the JavaScript keys', () => {
    const calls: string[] = [];
    const p = program('@a() class C { @b() m() { c(); } @d() accessor x = e(); }\n');
    walk(p, { enter: (n) => void (n.type === 'CallExpression' && calls.push(((n as { callee: { name: string } }).callee).name)) }, JS_KEYS);
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('visits JSX children and attributes', () => {
    const names: string[] = [];
    walk(program('x = <A b={c}>{d}</A>;'), { enter: (n) => void (n.type === 'Identifier' && names.push((n as { name: string }).name)) });
    expect(names).toEqual(['x', 'c', 'd']);
  });

  it('calls exit only for the node types it is asked for', () => {
    const seen: string[] = [];
    walk(program('function f() { return () => g(); }'), {
      exit: (n, p) => void seen.push(`/${n.type}<${p?.type ?? '-'}`),
      exitTypes: new Set(['ArrowFunctionExpression', 'FunctionDeclaration']),
    });
    expect(seen).toEqual(['/ArrowFunctionExpression<ReturnStatement', '/FunctionDeclaration<Program']);
  });

  it('walks a tree deeper than the call stack, in the same order as a shallow one', () => {
    // a + a + ... parses flat but nests 200,000 BinaryExpressions deep.
    const p = program(`x = a${' + a'.repeat(200_000)};`);
    let count = 0;
    const exits: string[] = [];
    let last: AstNode | null = null;
    walk(p, {
      enter: (n) => void ((count++, n.type === 'Identifier' && (last = n))),
      exit: (n) => void exits.push(n.type),
      exitTypes: new Set(['Program', 'AssignmentExpression']),
    });
    expect(count).toBe(1 + 1 + 1 + 1 + 200_000 * 2 + 1);
    expect(exits).toEqual(['AssignmentExpression', 'Program']);
    // The last identifier entered is the rightmost `a`: source order holds across the switch to the stack.
    expect((last as unknown as { start: number }).start).toBe(p.end - 2);
  }, 30_000);
});
