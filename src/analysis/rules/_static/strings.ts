import type { AstNode } from '../../types.js';
import { HOLE, memberPath, propertyName, unwrap } from '../_ast/values.js';
import type { Scope, ScopeTracker } from './flow.js';

/**
 * The string an expression spells, and how it was built. A literal is what it says; a string
 * assembled from pieces (`'chi' + 'ld_pro' + 'cess'`) or decoded (`atob('…')`, `Buffer.from(hex,
 * 'hex')`, `String.fromCharCode(…)`, `'…'.split('').reverse().join('')`) was hidden on purpose when
 * what it spells is `child_process` or `rundll32`. Parts that are not static are {@link HOLE}.
 */
export interface Shape {
  value: string;
  /** Literal pieces joined (a template literal without expressions counts as one piece). */
  pieces: number;
  /** How the value was decoded, if it was: 'base64', 'hex', 'char codes', 'reversed'. */
  decoded?: string;
}

const MAX_DEPTH = 24;
const MAX_LENGTH = 1 << 16;

export type Resolver = (name: string) => AstNode | undefined;

/** A resolver over a scope tracker: a name with exactly one binding that has a value. */
export function scopeResolver(scopes: ScopeTracker, scope: Scope): Resolver {
  return (name) => {
    const bs = scopes.resolve(scope, name);
    return bs.length === 1 && bs[0]!.value ? bs[0]!.value : undefined;
  };
}

export function shapeOf(node: AstNode, resolve?: Resolver, depth = 0): Shape | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const sub = (x: AstNode) => shapeOf(x, resolve, depth + 1);
  switch (n.type) {
    case 'Literal':
      if (typeof n.value === 'string') return { value: n.value, pieces: 1 };
      if (typeof n.value === 'number') return { value: String(n.value), pieces: 1 };
      return undefined;
    case 'TemplateLiteral': {
      let value = '';
      let pieces = 0;
      let decoded: string | undefined;
      n.quasis.forEach((q, i) => {
        const text = q.value.cooked ?? q.value.raw;
        value += text;
        if (text) pieces++;
        const e = n.expressions[i];
        if (e) {
          const s = sub(e as AstNode);
          value += s ? s.value : HOLE;
          if (s) {
            pieces += s.pieces;
            decoded ??= s.decoded;
          }
        }
      });
      return cap({ value, pieces: Math.max(pieces, 1), ...(decoded ? { decoded } : {}) });
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return undefined;
      const l = sub(n.left as AstNode);
      const r = sub(n.right as AstNode);
      if (!l && !r) return undefined;
      const decoded = l?.decoded ?? r?.decoded;
      return cap({ value: (l?.value ?? HOLE) + (r?.value ?? HOLE), pieces: (l?.pieces ?? 0) + (r?.pieces ?? 0), ...(decoded ? { decoded } : {}) });
    }
    case 'Identifier': {
      const v = resolve?.(n.name);
      return v ? sub(v) : undefined;
    }
    case 'CallExpression':
      return callShape(n as AstNode & { type: 'CallExpression' }, resolve, depth);
    case 'NewExpression': {
      // new Buffer('…', 'base64') is decoded like Buffer.from
      if (memberPath(n.callee as AstNode) !== 'Buffer') return undefined;
      return bufferShape(n.arguments as AstNode[], resolve, depth);
    }
    default:
      return undefined;
  }
}

const PATH_JOINERS = /^(?:path\.)?(?:posix\.|win32\.)?(?:join|resolve)$/;

function callShape(n: AstNode & { type: 'CallExpression' }, resolve: Resolver | undefined, depth: number): Shape | undefined {
  const callee = unwrap(n.callee as AstNode);
  const name = memberPath(callee);
  const args = n.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : (a as AstNode)));
  const sub = (x: AstNode | undefined) => (x ? shapeOf(x, resolve, depth + 1) : undefined);
  if (name && PATH_JOINERS.test(name) && args.length > 0) {
    const parts = args.map((a) => sub(a)?.value ?? HOLE);
    return cap({ value: parts.join('/').replace(/\/+/g, '/'), pieces: 1 });
  }
  if ((name === 'String.fromCharCode' || name === 'String.fromCodePoint') && args.length > 0) {
    const codes = args.map((a) => (a ? numberOf(a, resolve, depth) : undefined));
    if (codes.every((c): c is number => c !== undefined)) return cap({ value: String.fromCodePoint(...codes.filter((c) => c >= 0 && c <= 0x10ffff)), pieces: 1, decoded: 'char codes' });
    return undefined;
  }
  if (name && /^(?:window\.|globalThis\.|self\.)?atob$/.test(name) && args.length === 1) {
    const s = sub(args[0]);
    return s && !s.value.includes(HOLE) ? decodeShape(s.value, 'base64') : undefined;
  }
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee);
    const object = unwrap(callee.object as AstNode);
    if (method === 'toString') {
      // Buffer.from('…', 'base64').toString(), also through a name: const u = Buffer.from(…); u.toString()
      let buf: AstNode | undefined = object;
      if (buf.type === 'Identifier' && depth < MAX_DEPTH) buf = resolve?.(buf.name);
      buf = buf ? unwrap(buf) : undefined;
      if (buf?.type === 'CallExpression' && memberPath(buf.callee as AstNode) === 'Buffer.from') return bufferShape(buf.arguments as AstNode[], resolve, depth);
      if (buf?.type === 'NewExpression' && memberPath(buf.callee as AstNode) === 'Buffer') return bufferShape(buf.arguments as AstNode[], resolve, depth);
    }
    if (method === 'join') {
      const parts = arrayShape(object, resolve, depth);
      const sep = args[0] ? sub(args[0])?.value : ',';
      if (!parts || sep === undefined) return undefined;
      const decoded = parts.reversed ? 'reversed' : parts.items.find((p) => p.decoded)?.decoded;
      return cap({ value: parts.items.map((p) => p.value).join(sep), pieces: parts.items.reduce((a, p) => a + p.pieces, 0), ...(decoded ? { decoded } : {}) });
    }
    if (method === 'concat' && object.type !== 'ArrayExpression') {
      const base = sub(object);
      if (!base) return undefined;
      const rest = args.map((a) => sub(a));
      return cap({ value: base.value + rest.map((r) => r?.value ?? HOLE).join(''), pieces: base.pieces + rest.reduce((a, r) => a + (r?.pieces ?? 0), 0) });
    }
  }
  return undefined;
}

function numberOf(node: AstNode, resolve: Resolver | undefined, depth: number): number | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'Identifier' && depth < MAX_DEPTH) {
    const v = resolve?.(n.name);
    return v ? numberOf(v, resolve, depth + 1) : undefined;
  }
  if (n.type === 'BinaryExpression' && (n.operator === '+' || n.operator === '-' || n.operator === '^')) {
    const l = numberOf(n.left as AstNode, resolve, depth + 1);
    const r = numberOf(n.right as AstNode, resolve, depth + 1);
    if (l === undefined || r === undefined) return undefined;
    return n.operator === '+' ? l + r : n.operator === '-' ? l - r : l ^ r;
  }
  return undefined;
}

function bufferShape(args: AstNode[], resolve: Resolver | undefined, depth: number): Shape | undefined {
  const data = args[0] ? shapeOf(args[0], resolve, depth + 1) : undefined;
  const enc = args[1] ? shapeOf(args[1], resolve, depth + 1)?.value.toLowerCase() : 'utf8';
  if (!data || data.value.includes(HOLE) || enc === undefined) return undefined;
  if (enc === 'base64' || enc === 'base64url' || enc === 'hex') return decodeShape(data.value, enc);
  if (enc === 'utf8' || enc === 'utf-8' || enc === 'latin1' || enc === 'binary' || enc === 'ascii') return data;
  return undefined;
}

function decodeShape(data: string, enc: 'base64' | 'base64url' | 'hex'): Shape | undefined {
  if (enc === 'hex' && !/^(?:[0-9a-fA-F]{2})*$/.test(data)) return undefined;
  if (enc !== 'hex' && !/^[A-Za-z0-9+/=\s_-]*$/.test(data)) return undefined;
  return cap({ value: Buffer.from(data, enc).toString('utf8'), pieces: 1, decoded: enc === 'hex' ? 'hex' : 'base64' });
}

/** Elements of an array literal, through `.reverse()`, and `'…'.split(sep)`. */
function arrayShape(node: AstNode, resolve: Resolver | undefined, depth: number): { items: Shape[]; reversed: boolean } | undefined {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return undefined;
  if (n.type === 'ArrayExpression') {
    const items: Shape[] = [];
    for (const el of n.elements) {
      if (!el || el.type === 'SpreadElement') return undefined;
      const s = shapeOf(el as AstNode, resolve, depth + 1);
      if (!s) return undefined;
      items.push(s);
    }
    return { items, reversed: false };
  }
  if (n.type === 'Identifier') {
    const v = resolve?.(n.name);
    return v ? arrayShape(v, resolve, depth + 1) : undefined;
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = propertyName(n.callee);
    if (method === 'reverse' && n.arguments.length === 0) {
      const inner = arrayShape(n.callee.object as AstNode, resolve, depth + 1);
      return inner ? { items: [...inner.items].reverse(), reversed: true } : undefined;
    }
    if (method === 'split' && n.arguments.length === 1) {
      const s = shapeOf(n.callee.object as AstNode, resolve, depth + 1);
      const sep = shapeOf(n.arguments[0] as AstNode, resolve, depth + 1);
      if (!s || !sep || s.value.includes(HOLE)) return undefined;
      // Splitting one literal back into characters is not "pieces": count it as the one piece it was.
      return { items: s.value.split(sep.value).map((value) => ({ value, pieces: 0, ...(s.decoded ? { decoded: s.decoded } : {}) })).map((x, i) => (i === 0 ? { ...x, pieces: s.pieces } : x)), reversed: false };
    }
  }
  return undefined;
}

function cap(s: Shape): Shape | undefined {
  return s.value.length > MAX_LENGTH ? undefined : s;
}

/** A shape's value with holes shown as `$X`, for shell classification and messages. */
export function shown(value: string): string {
  return value.replaceAll(HOLE, '$X');
}
