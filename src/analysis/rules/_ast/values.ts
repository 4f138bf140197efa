import type { AstNode } from '../../types.js';
import { Clock, VersionedMap } from './history.js';

/**
 * Static values of ESTree expressions, for rules that match strings and member names. Malware
 * splits its tell-tale strings (`'child_' + 'process'`, `['.np','mrc'].join('')`, base64) so a
 * plain text search misses them; these helpers fold the cheap, side-effect-free forms back into
 * the string they spell. Nothing here evaluates code: only literals and a fixed list of pure
 * built-ins (`String.fromCharCode`, `atob`, `Buffer.from(…).toString()`, `join`, `reverse`) are folded.
 */

/** A node with its fields reachable by name: the parser may add node types estree's types lack. */
type Loose = AstNode & { [key: string]: unknown };

const loose = (node: unknown): Loose => node as Loose;

/** Placeholder for a part of a string that is not static (`${user}` in a template). */
export const HOLE = '\u0000';

/** Folding stops past this depth or length: a payload's 10,000-element concatenation is not worth it. */
const MAX_DEPTH = 40;
const MAX_LENGTH = 1 << 16;

/** The expression inside parentheses, TypeScript casts and optional chains. */
export function unwrap(node: AstNode): AstNode {
  let n = node;
  // A switch over the wrapper types rather than a Set lookup: this runs for nearly every node a rule looks at.
  for (;;) {
    switch (n.type as string) {
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        n = loose(n).expression as AstNode;
        continue;
      default:
        return n;
    }
  }
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Names bound once in the file to a static string (`const host = 'exa' + 'mple.invalid'`), so a
 * later `fetch(host)` resolves. Scope is ignored on purpose: a name bound twice is forgotten,
 * which keeps minified bundles (the same short name in many functions) from resolving wrongly.
 */
export class Bindings {
  private readonly values: VersionedMap<string | null>;
  /** String-array decoders of obfuscated code (see string-array.ts), by name and alias. */
  private readonly decoders: VersionedMap<(index: number) => string | undefined>;

  /** `clock`: shared with the file's module aliases, for analyses that replay the walk (history.ts). */
  constructor(
    decoders?: ReadonlyMap<string, (index: number) => string | undefined>,
    readonly clock: Clock = new Clock(),
  ) {
    this.values = new VersionedMap(clock);
    this.decoders = new VersionedMap(clock);
    if (decoders) for (const [k, v] of decoders) this.decoders.set(k, v);
  }

  /** The decoder a name stands for: `_0x180f`, or `_0x112fa8` after `const _0x112fa8 = _0x180f`. */
  decoder(name: string): ((index: number) => string | undefined) | undefined {
    return this.decoders.get(name);
  }

  /** Call from a `VariableDeclarator` visitor. */
  declare(node: AstNode): void {
    const d = loose(node);
    const id = d['id'];
    if (!isNode(id) || id.type !== 'Identifier') return;
    const name = id.name;
    const rawInit = d['init'];
    if (isNode(rawInit) && rawInit.type === 'Identifier' && this.decoders.has(rawInit.name)) this.decoders.set(name, this.decoders.get(rawInit.name)!);
    const init = isNode(rawInit) ? staticString(rawInit, this) : undefined;
    if (this.values.has(name) || init === undefined) this.values.set(name, null);
    else this.values.set(name, init);
  }

  /** Call from an `AssignmentExpression` visitor: a reassigned name is no longer a constant. */
  assign(node: AstNode): void {
    const left = loose(node)['left'];
    if (isNode(left) && left.type === 'Identifier') this.values.set(left.name, null);
  }

  get(name: string): string | undefined {
    return this.values.get(name) ?? undefined;
  }
}

/** The string an expression always evaluates to, or undefined when it is not static. */
export function staticString(node: AstNode, bindings?: Bindings, depth = 0): string | undefined {
  const s = shape(node, bindings, depth, false);
  return s === undefined || s.includes(HOLE) ? undefined : s;
}

/**
 * The string an expression evaluates to, with {@link HOLE} for the parts that are not static:
 * `` `${home}/.ssh/id_rsa` `` is `"\0/.ssh/id_rsa"`, `path.join(os.homedir(), '.aws', 'credentials')`
 * is `"\0/.aws/credentials"`. Undefined when the expression has no static part at all.
 */
export function stringShape(node: AstNode, bindings?: Bindings): string | undefined {
  const s = shape(node, bindings, 0, true);
  return s === undefined || !hasStaticPart(s) ? undefined : s;
}

/** `s.replaceAll(HOLE, '') !== ''`, without the copy. */
function hasStaticPart(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 0) return true;
  return false;
}

function shape(node: AstNode, bindings: Bindings | undefined, depth: number, holes: boolean): string | undefined {
  if (depth > MAX_DEPTH) return holes ? HOLE : undefined;
  const n = unwrap(node);
  const hole = holes ? HOLE : undefined;
  const sub = (x: unknown): string | undefined => (isNode(x) ? shape(x, bindings, depth + 1, holes) : hole);
  switch (n.type) {
    case 'Literal':
      if (typeof n.value === 'string') return n.value;
      if (typeof n.value === 'number') return String(n.value);
      return hole;
    case 'TemplateLiteral': {
      let out = '';
      n.quasis.forEach((q, i) => {
        out += q.value.cooked ?? q.value.raw;
        const e = n.expressions[i];
        if (e) out += sub(e) ?? HOLE;
      });
      return !holes && out.includes(HOLE) ? undefined : cap(out);
    }
    case 'TaggedTemplateExpression': {
      // String.raw`…` only; other tags can do anything.
      const tag = memberPath(n.tag);
      return tag === 'String.raw' && n.quasi.expressions.length === 0 ? n.quasi.quasis.map((q) => q.value.raw).join('') : hole;
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return hole;
      const l = sub(n.left);
      const r = sub(n.right);
      if (l === undefined || r === undefined) return holes ? (l ?? HOLE) + (r ?? HOLE) : undefined;
      return cap(l + r);
    }
    case 'Identifier':
      return bindings?.get(n.name) ?? hole;
    case 'CallExpression':
      return callShape(n as AstNode & { type: 'CallExpression' }, bindings, depth, holes) ?? hole;
    default:
      return hole;
  }
}

const PATH_JOINERS = new Set(['path.join', 'path.resolve', 'join', 'resolve', 'path.posix.join', 'path.win32.join', 'posix.join', 'win32.join']);
const HOME_CALLS = new Set(['os.homedir', 'homedir', 'os.tmpdir', 'tmpdir']);

function callShape(n: AstNode & { type: 'CallExpression' }, bindings: Bindings | undefined, depth: number, holes: boolean): string | undefined {
  const callee = unwrap(n.callee as AstNode);
  // _0x112fa8(0x1e1): a string-array lookup of obfuscated code
  if (callee.type === 'Identifier' && bindings?.decoder(callee.name) && n.arguments[0]) {
    const index = unwrap(n.arguments[0] as AstNode);
    if (index.type === 'Literal' && typeof index.value === 'number') return bindings.decoder(callee.name)!(index.value);
  }
  const name = calleePath(n);
  const args = n.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : (a as AstNode)));
  const str = (a: AstNode | undefined) => (a ? shape(a, bindings, depth + 1, holes) : holes ? HOLE : undefined);
  const exact = (a: AstNode | undefined) => (a ? shape(a, bindings, depth + 1, false) : undefined);
  if (name && PATH_JOINERS.has(name) && args.length > 0) {
    const parts = args.map(str);
    if (parts.some((p) => p === undefined)) return undefined;
    return (parts as string[]).join('/').replace(/\/+/g, '/');
  }
  if (name && HOME_CALLS.has(name)) return holes ? HOLE : undefined;
  if (name === 'String.fromCharCode' && args.length > 0) {
    const codes = args.map((a) => (a && unwrap(a).type === 'Literal' ? (unwrap(a) as { value: unknown }).value : undefined));
    if (codes.every((c): c is number => typeof c === 'number')) return String.fromCharCode(...codes);
    return undefined;
  }
  if ((name === 'atob' || name === 'window.atob' || name === 'globalThis.atob') && args.length === 1) {
    const s = exact(args[0]);
    return s === undefined ? undefined : decode(s, 'base64', 'latin1');
  }
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const method = callee.property.name;
    const object = unwrap(callee.object as AstNode);
    // Buffer.from('…', 'base64').toString() and .toString('utf8')
    if (method === 'toString' && object.type === 'CallExpression' && memberPath(object.callee as AstNode) === 'Buffer.from') {
      const [data, enc] = object.arguments.map((a) => exact(a as AstNode));
      if (data === undefined) return undefined;
      const from = (enc ?? 'utf8').toLowerCase();
      const to = (args[0] ? exact(args[0]) : 'utf8') ?? 'utf8';
      if (!['base64', 'hex', 'utf8', 'utf-8', 'latin1', 'binary', 'base64url'].includes(from)) return undefined;
      return decode(data, from as BufferEncoding, to.toLowerCase() === 'latin1' ? 'latin1' : 'utf8');
    }
    // ['a','b'].join('') and 'abc'.split('').reverse().join('')
    if (method === 'join') {
      const parts = arrayOf(object, bindings, depth);
      const sep = args[0] ? exact(args[0]) : ',';
      if (parts && sep !== undefined) return cap(parts.join(sep));
      return undefined;
    }
    if (method === 'repeat' && args[0]) {
      const base = exact(object);
      const count = unwrap(args[0]);
      if (base !== undefined && count.type === 'Literal' && typeof count.value === 'number' && count.value >= 0 && base.length * count.value <= 4096) return base.repeat(count.value);
      return undefined;
    }
    if (method === 'concat' && object.type !== 'ArrayExpression') {
      const base = str(object);
      const rest = args.map(str);
      if (base === undefined || rest.some((p) => p === undefined)) return undefined;
      return cap(base + rest.join(''));
    }
  }
  return undefined;
}

/** Static elements of an array expression, through `.reverse()` and `'…'.split('')`. */
function arrayOf(node: AstNode, bindings: Bindings | undefined, depth: number): string[] | undefined {
  const n = unwrap(node);
  if (n.type === 'ArrayExpression') {
    const out: string[] = [];
    for (const el of n.elements) {
      if (!el || el.type === 'SpreadElement') return undefined;
      const s = staticString(el as AstNode, bindings, depth + 1);
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.type === 'Identifier') {
    const method = n.callee.property.name;
    if (method === 'reverse' && n.arguments.length === 0) return arrayOf(n.callee.object as AstNode, bindings, depth + 1)?.reverse();
    if (method === 'split' && n.arguments.length === 1) {
      const s = staticString(n.callee.object as AstNode, bindings, depth + 1);
      const sep = staticString(n.arguments[0] as AstNode, bindings, depth + 1);
      return s !== undefined && sep !== undefined ? s.split(sep) : undefined;
    }
  }
  return undefined;
}

function decode(data: string, from: BufferEncoding, to: 'utf8' | 'latin1'): string | undefined {
  if (from === 'base64' && !/^[A-Za-z0-9+/=\s_-]*$/.test(data)) return undefined;
  if (from === 'hex' && !/^(?:[0-9a-fA-F]{2})*$/.test(data)) return undefined;
  return cap(Buffer.from(data, from).toString(to));
}

function cap(s: string): string | undefined {
  return s.length > MAX_LENGTH ? undefined : s;
}

/** Globals that all name the global object: `window.fetch`, `self.fetch` and `globalThis.fetch` are one thing. */
const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis', 'global', 'top', 'parent', 'frames']);

/**
 * The dotted name of an identifier or a static member chain: `window['eth' + 'ereum'].request` is
 * `window.ethereum.request`. Undefined when a part is computed from something that is not static.
 */
export function memberPath(node: AstNode, bindings?: Bindings): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') {
    const object = memberPath(n.object as AstNode, bindings);
    if (object === undefined) return undefined;
    const prop = propertyName(n, bindings);
    return prop === undefined ? undefined : `${object}.${prop}`;
  }
  if (n.type === 'MetaProperty') return `${n.meta.name}.${n.property.name}`;
  // require('path').join: the module stands for its name
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) {
    const spec = staticString(n.arguments[0] as AstNode, bindings);
    return spec?.replace(/^node:/, '');
  }
  return undefined;
}

/** The static name of a member expression's property: `a.b` and `a['b']` are both `b`. */
export function propertyName(node: AstNode & { type: 'MemberExpression' }, bindings?: Bindings): string | undefined {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : node.property.type === 'PrivateIdentifier' ? `#${node.property.name}` : undefined;
  return staticString(node.property as AstNode, bindings);
}

/**
 * `memberPath` with the global object's aliases dropped: `window.ethereum.request`,
 * `globalThis['ethereum'].request` and `self.ethereum.request` are all `ethereum.request`.
 */
export function globalPath(node: AstNode, bindings?: Bindings): string | undefined {
  const p = memberPath(node, bindings);
  if (p === undefined) return undefined;
  const dot = p.indexOf('.');
  if (dot < 0 || !GLOBAL_OBJECTS.has(p.slice(0, dot))) return p;
  const parts = p.split('.');
  while (parts.length > 1 && GLOBAL_OBJECTS.has(parts[0]!)) parts.shift();
  return parts.join('.');
}

/** The dotted name of what a call calls (`fs.promises.readFile`), through `(0, fs.readFile)(…)`. */
export function calleePath(node: AstNode, bindings?: Bindings): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
  let callee = unwrap(n.callee as AstNode);
  if (callee.type === 'SequenceExpression') callee = unwrap(callee.expressions[callee.expressions.length - 1] as AstNode);
  return memberPath(callee, bindings);
}

/** The last segment of a dotted name: `fs.promises.readFile` -> `readFile`. */
export function lastName(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/** The direct child nodes of a node, in source order enough for our purposes. */
export function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key in node) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/**
 * Whether any node inside `node` (itself included) satisfies `test`. Bounded: large subtrees are
 * cut off after `limit` nodes so a rule stays linear on a 2 MB bundle.
 */
export function someDescendant(node: AstNode, test: (n: AstNode, parent: AstNode | null) => boolean, limit = 5000): boolean {
  const stack: [AstNode, AstNode | null][] = [[node, null]];
  let seen = 0;
  while (stack.length) {
    const [n, parent] = stack.pop()!;
    if (test(n, parent)) return true;
    if (++seen > limit) return false;
    for (const c of children(n)) stack.push([c, n]);
  }
  return false;
}

/** The string a `require('x')`, `import('x')` or `import … from 'x'` loads, without a `node:` prefix. */
export function moduleSpecifier(node: AstNode, bindings?: Bindings): string | undefined {
  const n = unwrap(node);
  let spec: string | undefined;
  if (n.type === 'CallExpression' && n.arguments.length >= 1 && memberPath(n.callee as AstNode) === 'require') spec = staticString(n.arguments[0] as AstNode, bindings);
  else if (n.type === 'ImportExpression') spec = staticString(n.source as AstNode, bindings);
  else if (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') {
    const src = (n as { source?: unknown }).source;
    spec = isNode(src) ? staticString(src, bindings) : undefined;
  }
  return spec?.replace(/^node:/, '');
}
