import type { AstNode, Manifest, Rule } from '../../types.js';
import { memberPath, unwrap } from '../_ast/values.js';
import { childNodes, isFunction } from '../_static/flow.js';

/**
 * An endless loop that prints, run when the module is imported: colors 1.4.1/1.4.44-liberty-2 and
 * faker 6.6.6 (2022) did `for (let i = 666; i < Infinity; i++) console.log(…)` at the top of the
 * module, hanging every program that required them. Loops that can end (`break`, `return`,
 * `throw`, `await` for input), CLI entry points (`bin`) and files run by hand (benchmarks, examples,
 * tests, scripts) are not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'destructive-console-flood',
    severity: 'high',
    category: 'destructive',
    confidence: 'high',
    description: 'Runs an endless loop that prints to the console when the module is imported (colors/faker protestware)',
    needles: ['console.', 'stdout.write', 'stderr.write'],
  },
  create(ctx) {
    if (!ctx.ast || binTargets(ctx.pkg.manifest).has(ctx.file.path) || SCRIPT_FILES.test(ctx.file.path)) return {};
    // Function nesting, not counting functions called on the spot (IIFEs) which run at import too.
    let depth = 0;
    const enter = (node: AstNode, parent: AstNode | null) => {
      if (!(parent && parent.type === 'CallExpression' && unwrap(parent.callee as AstNode) === node)) depth++;
    };
    const exit = (node: AstNode, parent: AstNode | null) => {
      if (!(parent && parent.type === 'CallExpression' && unwrap(parent.callee as AstNode) === node)) depth--;
    };
    const loop = (node: AstNode) => {
      if (depth > 0) return;
      if (!endless(node)) return;
      const body = (node as { body: AstNode }).body;
      if (!prints(body) || canExit(body)) return;
      ctx.report({ node, message: 'loops forever printing to the console when the module is loaded' });
    };
    return {
      FunctionDeclaration: enter,
      FunctionExpression: enter,
      ArrowFunctionExpression: enter,
      'FunctionDeclaration:exit': exit,
      'FunctionExpression:exit': exit,
      'ArrowFunctionExpression:exit': exit,
      ForStatement: loop,
      WhileStatement: loop,
      DoWhileStatement: loop,
    };
  },
};

/** Files run by hand, never imported: benchmarks, examples, tests, tooling scripts. */
const SCRIPT_FILES = /(?:^|\/)(?:bench(?:mark)?s?|examples?|demos?|tests?|__tests__|spec|scripts|tools|bin)(?:\/|[-_.][^/]*$)|\.(?:test|spec|bench)\.[cm]?[jt]sx?$/;

function binTargets(manifest: Manifest | null): Set<string> {
  const bin = manifest?.['bin'];
  const list = typeof bin === 'string' ? [bin] : bin && typeof bin === 'object' ? Object.values(bin as Record<string, unknown>).filter((v): v is string => typeof v === 'string') : [];
  return new Set(list.map((p) => p.replace(/^\.\//, '')));
}

/** `for (;;)`, `while (true)`, `while (1)`, `while (!0)`, `for (…; i < Infinity; …)`. */
function endless(node: AstNode): boolean {
  const test = (node as { test?: AstNode | null }).test;
  if (test === null || test === undefined) return node.type === 'ForStatement';
  return alwaysTrue(unwrap(test));
}

function alwaysTrue(t: AstNode): boolean {
  if (t.type === 'Literal') return Boolean(t.value) && !('regex' in t && t.regex);
  if (t.type === 'UnaryExpression' && t.operator === '!') {
    const a = unwrap(t.argument as AstNode);
    if (a.type === 'Literal') return !a.value;
    if (a.type === 'UnaryExpression' && a.operator === '!') return unwrap(a.argument as AstNode).type === 'ArrayExpression' || unwrap(a.argument as AstNode).type === 'ObjectExpression';
    return false;
  }
  if (t.type === 'BinaryExpression' && (t.operator === '<' || t.operator === '<=' || t.operator === '!==' || t.operator === '!=')) {
    const r = unwrap(t.right as AstNode);
    return r.type === 'Identifier' && r.name === 'Infinity';
  }
  return false;
}

function prints(body: AstNode): boolean {
  return some(body, (n) => n.type === 'CallExpression' && /^(?:console\.\w+|process\.(?:stdout|stderr)\.write)$/.test(memberPath(n.callee as AstNode) ?? ''));
}

/** A `break` for this loop, a `return`, `throw`, `await` or `yield` (not inside nested functions). */
function canExit(body: AstNode): boolean {
  const stack: { n: AstNode; inner: boolean }[] = [{ n: body, inner: false }];
  while (stack.length) {
    const { n, inner } = stack.pop()!;
    if (isFunction(n)) continue;
    if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement' || n.type === 'AwaitExpression' || n.type === 'YieldExpression') return true;
    if (n.type === 'BreakStatement' && (n.label || !inner)) return true;
    if (n.type === 'CallExpression' && /^process\.(?:exit|abort|kill)$/.test(memberPath(n.callee as AstNode) ?? '')) return true;
    const nested = inner || /^(?:For|ForIn|ForOf|While|DoWhile|Switch)Statement$/.test(n.type);
    for (const c of childNodes(n)) stack.push({ n: c, inner: nested });
  }
  return false;
}

function some(root: AstNode, test: (n: AstNode) => boolean): boolean {
  const stack = [root];
  let budget = 20000;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    if (test(n)) return true;
    if (!isFunction(n)) stack.push(...childNodes(n));
  }
  return false;
}
