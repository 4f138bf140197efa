import type { AstNode, Rule } from '../../types.js';
import { propertyName, unwrap } from '../_ast/values.js';
import { childNodes, isFunction } from '../_static/flow.js';
import { withText } from '../_static/visitors.js';

/** javascript-obfuscator's default identifier names: `_0x` and 4–6 hex digits. */
const HEX_NAME = /\b_0x[0-9a-f]{4,8}\b/g;
const MIN_DISTINCT = 8;
const MIN_USES = 25;

/**
 * Output of javascript-obfuscator (obfuscator.io), the tool behind the chalk/debug 2025 payload
 * (`const _0x112fa8=_0x180f;(function(_0x13c8b9…`), Shai-Hulud's loaders and most npm malware:
 * many `_0x…` identifiers (text layer), and in the AST its string-array machinery: a function that
 * returns an array of strings and redefines itself, and an IIFE that rotates that array with
 * `while (!![]) { try { … parseInt(…) … push(shift()) } }`. Minifiers produce none of these.
 * Obfuscation alone is suspicious (commercial code is sometimes protected this way); with a
 * network, wallet or install-time finding the verdict calls it malicious.
 */
export const rule: Rule = {
  meta: {
    id: 'obfuscation-obfuscator-io',
    severity: 'high',
    category: 'obfuscation',
    confidence: 'medium',
    description: 'javascript-obfuscator output: _0x identifiers in quantity, a self-redefining string-array function, a string-array rotation loop',
    needles: ['_0x', '!![]', 'shift'],
  },
  create(ctx) {
    const traits: string[] = [];
    let at: number | undefined;
    const mark = (offset: number, trait: string) => {
      if (!traits.includes(trait)) traits.push(trait);
      if (at === undefined || offset < at) at = offset;
    };
    const onText = (text: string) => {
        const names = new Set<string>();
        let uses = 0;
        let first: number | undefined;
        for (const m of text.matchAll(HEX_NAME)) {
          names.add(m[0]);
          uses++;
          first ??= m.index;
        }
        if (names.size >= MIN_DISTINCT && uses >= MIN_USES && first !== undefined) mark(first, `${names.size} distinct _0x… identifiers (${uses} uses)`);
        // A file that did not parse gets no AST walk (and no Program:exit): report from the text alone.
      if (!ctx.ast && traits.length && at !== undefined) ctx.report({ offset: at, message: `javascript-obfuscator output: ${traits.join(', ')}` });
    };
    return withText(onText, {
      CallExpression(node) {
        if (node.type !== 'CallExpression') return;
        const callee = unwrap(node.callee as AstNode);
        if (callee.type !== 'FunctionExpression' && callee.type !== 'ArrowFunctionExpression') return;
        if (node.arguments.length < 2 || callee.params.length < 2) return;
        if (isRotation(callee as AstNode)) mark(node.start, 'a string-array rotation loop');
      },
      FunctionDeclaration(node) {
        if (isStringArrayFunction(node)) mark(node.start, 'a self-redefining string-array function');
      },
      'Program:exit'() {
        if (traits.length && at !== undefined) ctx.report({ offset: at, message: `javascript-obfuscator output: ${traits.join(', ')}` });
      },
    });
  },
};

/**
 * `while (!![]) { try { const x = parseInt(…) …; if (x === N) break; else a.push(a.shift()); } catch { a.push(a.shift()); } }`
 * as a statement of the IIFE's own body (not searched deeper: UMD and rollup wrappers are IIFEs
 * around whole libraries).
 */
function isRotation(fn: AstNode): boolean {
  const body = (fn as { body?: AstNode }).body;
  if (!body || body.type !== 'BlockStatement') return false;
  const loop = body.body.find((s) => (s.type === 'WhileStatement' || s.type === 'ForStatement') && s.test && unwrap(s.test as AstNode).type === 'UnaryExpression');
  if (!loop) return false;
  let push = false;
  let shift = false;
  let parse = false;
  walkOwn(loop as AstNode, (n) => {
    if (n.type === 'CallExpression') {
      const c = unwrap(n.callee as AstNode);
      const name = c.type === 'MemberExpression' ? propertyName(c) : c.type === 'Identifier' ? c.name : undefined;
      if (name === 'push') push = true;
      if (name === 'shift') shift = true;
      if (name === 'parseInt') parse = true;
    }
  });
  return push && shift && parse;
}

/**
 * `function f() { const a = ['…', …]; f = function () { return a; }; return f(); }`: a body of a few
 * statements (only those are looked at, so ordinary functions cost nothing).
 */
function isStringArrayFunction(node: AstNode): boolean {
  if (node.type !== 'FunctionDeclaration' || !node.id || node.body.body.length > 4) return false;
  const name = node.id.name;
  let reassigns = false;
  let strings = 0;
  for (const st of node.body.body) {
    if (st.type === 'VariableDeclaration') {
      for (const d of st.declarations) {
        const init = d.init ? unwrap(d.init as AstNode) : undefined;
        if (init?.type === 'ArrayExpression') strings = Math.max(strings, init.elements.filter((e) => e && e.type === 'Literal' && typeof e.value === 'string').length);
      }
    }
    const exprs = st.type === 'ExpressionStatement' ? [st.expression] : st.type === 'ReturnStatement' && st.argument ? [st.argument] : [];
    for (const e0 of exprs) {
      const e = unwrap(e0 as AstNode);
      const parts = e.type === 'SequenceExpression' ? e.expressions : [e];
      for (const p of parts) if (p.type === 'AssignmentExpression' && p.left.type === 'Identifier' && p.left.name === name && isFunction(unwrap(p.right as AstNode))) reassigns = true;
    }
  }
  return reassigns && strings >= 5;
}

/** Every node under `root`; nested functions only when `intoFunctions`. Bounded. */
function walkOwn(root: AstNode, visit: (n: AstNode) => void, intoFunctions = false): void {
  const stack = childNodes(root);
  let budget = 20000;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    visit(n);
    if (intoFunctions || !isFunction(n)) stack.push(...childNodes(n));
  }
}
