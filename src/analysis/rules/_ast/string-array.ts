import type { AstNode, AstProgram } from '../../types.js';
import { children, isNode, unwrap } from './values.js';

/**
 * Static decoding of javascript-obfuscator's plain "string array" (the form of the chalk/debug
 * payload, incidents.md §1): every string of the program sits in one array returned by a function,
 * the code reads them through a decoder `_0x180f(0x1e1)` that subtracts an offset, and a start-up
 * loop rotates the array (`push(shift())`) until an arithmetic checksum of `parseInt(decoder(n))`
 * values equals a constant. We find the three pieces, replay the rotation by evaluating only that
 * checksum (numbers, + - * /, parseInt of array strings; nothing else is evaluated), and return
 * the table, so `_0x180f(0x1e1)` reads as `'ethereum'` to the rules. Encoded variants (base64/RC4
 * string arrays) are left alone.
 */

export type Decoder = (index: number) => string | undefined;

/** The shape of an obfuscator array function, to skip the search in files without one. */
const HINT = /function\s+[\w$]+\s*\(\s*\)\s*\{\s*(?:const|var|let)\s+[\w$]+\s*=\s*\[\s*['"]/;
const MAX_NODES = 400_000;

const cache = new WeakMap<object, Map<string, Decoder>>();

/** Decoders of the program by name (the decoder function itself; aliases are the caller's business). */
export function stringArrayDecoders(program: AstProgram | null | undefined, text: string): Map<string, Decoder> {
  if (!program) return new Map();
  const hit = cache.get(program);
  if (hit) return hit;
  const out = new Map<string, Decoder>();
  cache.set(program, out);
  if (!HINT.test(text)) return out;
  try {
    find(program, out);
  } catch {
    // A shape we did not expect: no decoding rather than a rule crash.
  }
  return out;
}

interface ArrayFn {
  name: string;
  strings: string[];
}

function find(program: AstProgram, out: Map<string, Decoder>): void {
  const functions: AstNode[] = [];
  const calls: AstNode[] = [];
  const stack: AstNode[] = [program];
  let seen = 0;
  while (stack.length && seen++ < MAX_NODES) {
    const n = stack.pop()!;
    if (n.type === 'FunctionDeclaration') functions.push(n);
    else if (n.type === 'CallExpression' && unwrap(n.callee as AstNode).type === 'FunctionExpression') calls.push(n);
    for (const c of children(n)) stack.push(c);
  }
  const arrays = new Map<string, ArrayFn>();
  for (const f of functions) {
    const a = arrayFunction(f);
    if (a) arrays.set(a.name, a);
  }
  if (arrays.size === 0) return;
  for (const f of functions) {
    const d = decoderFunction(f, arrays);
    if (!d) continue;
    const strings = [...d.array.strings];
    const rotation = calls.map((c) => rotationOf(c, d.array.name, d.name)).find((r) => r !== undefined);
    if (rotation) rotate(strings, d.offset, rotation);
    out.set(d.name, (i) => (Number.isInteger(i - d.offset) ? strings[i - d.offset] : undefined));
  }
}

/** `function A(){const s=['…',…];A=function(){return s;};return A();}` */
function arrayFunction(f: AstNode): ArrayFn | undefined {
  const fn = f as AstNode & { type: 'FunctionDeclaration' };
  if (!fn.id || fn.params.length !== 0) return undefined;
  const first = fn.body.body[0];
  if (first?.type !== 'VariableDeclaration' || first.declarations.length !== 1) return undefined;
  const init = first.declarations[0]!.init;
  if (!init || init.type !== 'ArrayExpression' || init.elements.length < 2) return undefined;
  const strings: string[] = [];
  for (const el of init.elements) {
    if (!el || el.type !== 'Literal' || typeof el.value !== 'string') return undefined;
    strings.push(el.value);
  }
  return { name: fn.id.name, strings };
}

/** `function D(a,b){const s=A();return D=function(i,j){i=i-OFFSET;let v=s[i];return v;},D(a,b);}` */
function decoderFunction(f: AstNode, arrays: Map<string, ArrayFn>): { name: string; array: ArrayFn; offset: number } | undefined {
  const fn = f as AstNode & { type: 'FunctionDeclaration' };
  if (!fn.id) return undefined;
  const first = fn.body.body[0];
  if (first?.type !== 'VariableDeclaration') return undefined;
  const init = first.declarations[0]?.init;
  if (!init || init.type !== 'CallExpression' || init.callee.type !== 'Identifier') return undefined;
  const array = arrays.get(init.callee.name);
  if (!array) return undefined;
  let offset: number | undefined;
  let encoded = false;
  const stack: AstNode[] = [fn.body as AstNode];
  while (stack.length) {
    const n = stack.pop()!;
    // i = i - 0x1a4
    if (n.type === 'AssignmentExpression' && n.operator === '=' && n.right.type === 'BinaryExpression' && n.right.operator === '-') {
      const v = numberOf(n.right.right as AstNode);
      if (v !== undefined) offset = v;
    }
    // Encoded arrays decode each string (atob, charCodeAt, RC4): not the plain form.
    if (n.type === 'Identifier' && /^(?:atob|charCodeAt|fromCharCode|decodeURIComponent)$/.test(n.name)) encoded = true;
    if (n.type === 'Literal' && typeof n.value === 'string' && /^(?:charCodeAt|fromCharCode)$/.test(n.value)) encoded = true;
    for (const c of children(n)) stack.push(c);
  }
  if (offset === undefined || encoded) return undefined;
  return { name: fn.id.name, array, offset };
}

interface Rotation {
  checksum: AstNode;
  target: number;
  decoderNames: Set<string>;
}

/** `(function(getArray, target){const d=D, s=getArray(); while(true){ try{ const x = parseInt(d(1))/1 - …; if (x === target) break; … } } })(A, 99714.3)` */
function rotationOf(call: AstNode, arrayName: string, decoderName: string): Rotation | undefined {
  const c = call as AstNode & { type: 'CallExpression' };
  const [arr, target] = c.arguments as AstNode[];
  if (!arr || arr.type !== 'Identifier' || arr.name !== arrayName || !target) return undefined;
  const t = numberOf(target);
  if (t === undefined) return undefined;
  const fn = unwrap(c.callee as AstNode) as AstNode & { type: 'FunctionExpression' };
  const decoderNames = new Set([decoderName]);
  let checksum: AstNode | undefined;
  const stack: AstNode[] = [fn.body as AstNode];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) {
      if (n.init.type === 'Identifier' && n.init.name === decoderName) decoderNames.add(n.id.name);
      else if (contains(n.init as AstNode, (x) => x.type === 'Identifier' && x.name === 'parseInt')) checksum = n.init as AstNode;
    }
    for (const ch of children(n)) stack.push(ch);
  }
  return checksum ? { checksum, target: t, decoderNames } : undefined;
}

function rotate(strings: string[], offset: number, r: Rotation): void {
  for (let k = 0; k < strings.length; k++) {
    const value = evaluate(r.checksum, (i) => strings[i - offset], r.decoderNames);
    if (value === r.target) return;
    strings.push(strings.shift()!);
  }
  // No rotation matched: leave the array as written (rotated back to the start).
}

/** The checksum's value: numbers, + - * / %, unary -, parseInt(decoder(n)). Anything else is NaN. */
function evaluate(node: AstNode, lookup: (i: number) => string | undefined, decoders: Set<string>): number {
  const n = unwrap(node);
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'number' ? n.value : NaN;
    case 'UnaryExpression':
      return n.operator === '-' ? -evaluate(n.argument as AstNode, lookup, decoders) : n.operator === '+' ? evaluate(n.argument as AstNode, lookup, decoders) : NaN;
    case 'BinaryExpression': {
      const a = evaluate(n.left as AstNode, lookup, decoders);
      const b = evaluate(n.right as AstNode, lookup, decoders);
      switch (n.operator) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '%': return a % b;
        default: return NaN;
      }
    }
    case 'CallExpression': {
      if (n.callee.type !== 'Identifier' || n.callee.name !== 'parseInt' || !n.arguments[0]) return NaN;
      const inner = unwrap(n.arguments[0] as AstNode);
      if (inner.type !== 'CallExpression' || inner.callee.type !== 'Identifier' || !decoders.has(inner.callee.name) || !inner.arguments[0]) return NaN;
      const i = numberOf(inner.arguments[0] as AstNode);
      const s = i === undefined ? undefined : lookup(i);
      return s === undefined ? NaN : parseInt(s);
    }
    default:
      return NaN;
  }
}

function numberOf(node: AstNode): number | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'UnaryExpression' && n.operator === '-' && isNode(n.argument)) {
    const v = numberOf(n.argument as AstNode);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

function contains(node: AstNode, test: (n: AstNode) => boolean): boolean {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (test(n)) return true;
    for (const c of children(n)) stack.push(c);
  }
  return false;
}
