import type { AstNode, AstProgram } from '../../types.js';
import { isNode, propertyName, unwrap } from '../_ast/values.js';
import { childNodes, isFunction } from './flow.js';

/**
 * Undoes javascript-obfuscator's string array, the layer that hides every string of an obfuscated
 * payload (module names, commands, URLs, paths) behind calls like `_0x4a7b13(0x9b)`. Its output
 * has three parts, all found by shape:
 *
 * - the array: `function A() { const s = ['…', …]; A = function () { return s; }; return A(); }`
 *   (older versions: `var A = ['…', …]`);
 * - the getter: `function G(i, k) { const s = A(); return G = function (i, k) { i = i - 0x9b; … return s[i]; }, G(i, k); }`;
 * - the rotation: `(function (get, target) { … while (!![]) { try { const v = parseInt(G(0xeb)) / 1 - …;
 *   if (v === target) break; else a.push(a.shift()); } catch (e) { a.push(a.shift()); } } })(A, 146983)`
 *   (older versions: rotate a fixed count, `while (--n) a.push(a.shift())`).
 *
 * The rotation is replayed on a copy of the array by evaluating only that arithmetic over
 * `parseInt` of array entries (nothing else is evaluated, nothing of the file runs); then every
 * `G(literal)` and alias call is replaced in place by the string it returns, as a `Literal` with the
 * call's offsets. Getters that decode entries (the `base64`/`rc4` string-array encodings) are left
 * alone. Returns how many calls were replaced.
 */
export function inlineStringArrays(program: AstProgram): number {
  const nodes = collect(program as AstNode);
  let replaced = 0;
  for (const array of findArrays(nodes)) {
    const getter = findGetter(nodes, array.name);
    if (!getter) continue;
    const names = aliases(nodes, getter.name);
    const values = rotate(nodes, array, getter, names);
    if (!values) continue;
    for (const n of nodes) {
      if (n.type !== 'CallExpression') continue;
      const callee = unwrap(n.callee as AstNode);
      if (callee.type !== 'Identifier' || !names.has(callee.name) || n.arguments.length === 0) continue;
      const index = numberOf(n.arguments[0] as AstNode);
      if (index === undefined) continue;
      const value = values[index - getter.offset];
      if (typeof value !== 'string') continue;
      toLiteral(n, value);
      replaced++;
    }
  }
  return replaced;
}

/** Every node of the tree, in a flat list (bounded: a 10 MB payload is about a million nodes). */
function collect(root: AstNode, limit = 2_000_000): AstNode[] {
  const out: AstNode[] = [];
  const stack = [root];
  while (stack.length && out.length < limit) {
    const n = stack.pop()!;
    out.push(n);
    for (const c of childNodes(n)) stack.push(c);
  }
  return out;
}

interface StringArray {
  name: string;
  values: string[];
  /** The node whose function (or declaration) holds the array, to skip in the getter search. */
  node: AstNode;
}

/** `function A() { const s = [...strings]; A = function () { return s; }; return A(); }` or `var A = [...strings]`. */
function findArrays(nodes: AstNode[]): StringArray[] {
  const out: StringArray[] = [];
  for (const n of nodes) {
    if (n.type === 'FunctionDeclaration' && n.id) {
      const name = n.id.name;
      let values: string[] | undefined;
      let redefines = false;
      for (const s of walkAll(n.body as AstNode)) {
        if (s.type === 'ArrayExpression' && !values) values = strings(s);
        if (s.type === 'AssignmentExpression' && s.left.type === 'Identifier' && s.left.name === name && isFunction(unwrap(s.right as AstNode))) redefines = true;
      }
      if (values && values.length >= 3 && redefines) out.push({ name, values, node: n });
    } else if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && unwrap(n.init as AstNode).type === 'ArrayExpression') {
      const values = strings(unwrap(n.init as AstNode));
      if (values && values.length >= 3 && /^_0x[0-9a-f]{3,}$/.test(n.id.name)) out.push({ name: n.id.name, values, node: n });
    }
  }
  return out;
}

function strings(array: AstNode): string[] | undefined {
  if (array.type !== 'ArrayExpression') return undefined;
  const out: string[] = [];
  for (const e of array.elements) {
    if (!e || e.type !== 'Literal' || typeof e.value !== 'string') return undefined;
    out.push(e.value);
  }
  return out;
}

interface Getter {
  name: string;
  offset: number;
}

/** The function that reads the array with an index offset: `i = i - 0x9b` (or `i -= 0x9b`) and `s[i]`, decoding nothing. */
function findGetter(nodes: AstNode[], arrayName: string): Getter | undefined {
  for (const n of nodes) {
    let name: string | undefined;
    let fn: AstNode | undefined;
    if (n.type === 'FunctionDeclaration' && n.id) [name, fn] = [n.id.name, n];
    else if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && isFunction(unwrap(n.init as AstNode))) [name, fn] = [n.id.name, unwrap(n.init as AstNode)];
    if (!name || !fn || name === arrayName) continue;
    let usesArray = false;
    let offset: number | undefined;
    let decodes = false;
    for (const s of walkAll(fn)) {
      if (s.type === 'Identifier' && s.name === arrayName) usesArray = true;
      if (s.type === 'AssignmentExpression' && s.left.type === 'Identifier') {
        const r = unwrap(s.right as AstNode);
        if (s.operator === '-=') offset ??= numberOf(r);
        else if (s.operator === '=' && r.type === 'BinaryExpression' && r.operator === '-' && unwrap(r.left as AstNode).type === 'Identifier' && (unwrap(r.left as AstNode) as { name: string }).name === s.left.name) offset ??= numberOf(r.right as AstNode);
      }
      if (s.type === 'Identifier' && /^(?:atob|fromCharCode|decodeURIComponent|charCodeAt|Buffer)$/.test(s.name)) decodes = true;
      if (s.type === 'MemberExpression' && /^(?:fromCharCode|charCodeAt)$/.test(propertyName(s) ?? '')) decodes = true;
    }
    if (usesArray && offset !== undefined && !decodes) return { name, offset };
  }
  return undefined;
}

/** The getter's name and every name bound to it (`const _0x2b8e41 = _0x2f0c`). */
function aliases(nodes: AstNode[], getter: string): Set<string> {
  const names = new Set([getter]);
  for (let pass = 0; pass < 3; pass++) {
    for (const n of nodes) {
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) {
        const init = unwrap(n.init as AstNode);
        if (init.type === 'Identifier' && names.has(init.name)) names.add(n.id.name);
      }
    }
  }
  return names;
}

/** The array after the rotation the file performs at load, or undefined when it cannot be replayed. */
function rotate(nodes: AstNode[], array: StringArray, getter: Getter, names: Set<string>): string[] | undefined {
  const values = [...array.values];
  for (const n of nodes) {
    if (n.type !== 'CallExpression' || n.arguments.length < 2) continue;
    const callee = unwrap(n.callee as AstNode);
    if (callee.type !== 'FunctionExpression' && callee.type !== 'ArrowFunctionExpression') continue;
    const first = unwrap(n.arguments[0] as AstNode);
    if (first.type !== 'Identifier' || first.name !== array.name) continue;
    const target = numberOf(n.arguments[1] as AstNode);
    if (target === undefined) continue;
    const own = [...walkAll(callee)];
    // Current form: evaluate the checksum until it equals the target.
    const check = own.some((t) => t.type === 'WhileStatement') ? own.find((s) => s.type === 'VariableDeclarator' && s.init && containsParseInt(s.init as AstNode)) : undefined;
    const expr = check && check.type === 'VariableDeclarator' ? (check.init as AstNode | null) : null;
    if (expr) {
      for (let i = 0; i <= values.length; i++) {
        const v = evaluate(expr, values, getter, names);
        if (v === target) return values;
        values.push(values.shift()!);
      }
      return undefined;
    }
    // Older form: rotate `target` times (`f(++n)` with `while (--k)`), when there is no checksum.
    if (own.some((t) => t.type === 'UpdateExpression')) {
      const times = target % values.length;
      for (let i = 0; i < times; i++) values.push(values.shift()!);
      return values;
    }
  }
  // No rotation found: the array is used as declared.
  return nodes.some((n) => n.type === 'WhileStatement' && [...walkAll(n)].some((t) => t.type === 'Identifier' && t.name === 'parseInt')) ? undefined : values;
}

function containsParseInt(n: AstNode): boolean {
  for (const s of walkAll(n)) if (s.type === 'Identifier' && s.name === 'parseInt') return true;
  return false;
}

class Unsupported extends Error {}

/** The rotation checksum: numbers, + - * / %, unary minus, and parseInt(getter(n)). Nothing else. */
function evaluate(node: AstNode, values: string[], getter: Getter, names: Set<string>): number | undefined {
  try {
    return ev(node);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  function ev(n0: AstNode): number {
    const n = unwrap(n0);
    if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
    if (n.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) return n.operator === '-' ? -ev(n.argument as AstNode) : ev(n.argument as AstNode);
    if (n.type === 'BinaryExpression') {
      const a = ev(n.left as AstNode);
      const b = ev(n.right as AstNode);
      switch (n.operator) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '%': return a % b;
        default: throw new Unsupported();
      }
    }
    if (n.type === 'CallExpression' && unwrap(n.callee as AstNode).type === 'Identifier' && (unwrap(n.callee as AstNode) as { name: string }).name === 'parseInt' && n.arguments[0]) {
      const inner = unwrap(n.arguments[0] as AstNode);
      if (inner.type !== 'CallExpression') throw new Unsupported();
      const callee = unwrap(inner.callee as AstNode);
      const index = inner.arguments[0] ? numberOf(inner.arguments[0] as AstNode) : undefined;
      if (callee.type !== 'Identifier' || !names.has(callee.name) || index === undefined) throw new Unsupported();
      const s = values[index - getter.offset];
      if (s === undefined) throw new Unsupported();
      return Number.parseInt(s, 10);
    }
    throw new Unsupported();
  }
}

/** A numeric literal, a negated one, or a numeric string (`'0x1a0'`, older obfuscator output). */
function numberOf(node: AstNode): number | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'Literal' && typeof n.value === 'string' && /^(?:0x[0-9a-f]+|\d+)$/i.test(n.value)) return Number(n.value);
  if (n.type === 'UnaryExpression' && n.operator === '-') {
    const v = numberOf(n.argument as AstNode);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Turns a call node into a string literal in place, keeping its offsets. */
function toLiteral(node: AstNode, value: string): void {
  const { start, end } = node;
  const record = node as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) delete record[key];
  Object.assign(record, { type: 'Literal', value, raw: JSON.stringify(value), start, end });
}

function* walkAll(root: AstNode): Generator<AstNode> {
  const stack = [root];
  let budget = 200_000;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    yield n;
    for (const c of childNodes(n)) if (isNode(c)) stack.push(c);
  }
}
