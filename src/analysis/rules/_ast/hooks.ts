import type { AstNode, Visitor } from '../../types.js';
import { type Bindings, globalPath, propertyName, staticString, unwrap } from './values.js';

/**
 * Hooks of browser APIs: code that replaces (assigns over, wraps with a Proxy, redefines with
 * `Object.defineProperty`) the injected wallet provider's methods or the page's network APIs.
 * The chalk/debug payload (incidents.md §1) did both: it replaced `fetch` and
 * `XMLHttpRequest.prototype.open/send` to rewrite addresses in responses, and wrapped
 * `window.ethereum.request/send/sendAsync` to rewrite transactions.
 */

export interface Hook {
  node: AstNode;
  /** What is hooked: `ethereum.request`, `fetch`, `XMLHttpRequest.prototype.send`. */
  target: string;
  how: 'assignment' | 'defineProperty' | 'Proxy' | 'Object.assign' | 'Reflect.set';
}

/** Injected wallet providers, as `globalPath` names them (window./self./globalThis. dropped). */
const PROVIDERS = ['ethereum', 'solana', 'phantom.solana', 'phantom.ethereum', 'okxwallet', 'BinanceChain', 'coinbaseWalletExtension', 'trustwallet'];
const PROVIDER_METHODS = new Set(['request', 'send', 'sendAsync', 'enable', 'signTransaction', 'signAllTransactions', 'signAndSendTransaction', 'signMessage']);

/** Network APIs and how they must be written to count: a bare `fetch = x` may be a local variable. */
const NETWORK_TARGETS = new Set(['fetch', 'XMLHttpRequest', 'XMLHttpRequest.prototype.open', 'XMLHttpRequest.prototype.send', 'XMLHttpRequest.prototype.setRequestHeader', 'WebSocket.prototype.send', 'Response.prototype.json', 'Response.prototype.text']);
const NEEDS_GLOBAL_PREFIX = new Set(['fetch', 'XMLHttpRequest']);

/** Last segments of the names above, for cheap rejection (see `mayName`). */
const PROVIDER_LASTS = new Set(PROVIDERS.map((p) => p.slice(p.lastIndexOf('.') + 1)));
const HOOKED_LASTS = new Set([...PROVIDER_METHODS, ...[...NETWORK_TARGETS].map((t) => t.slice(t.lastIndexOf('.') + 1))]);
const DEFINERS = new Set(['defineProperty', 'set', 'assign']);
const PROXY = new Set(['Proxy']);
/** As values.ts's globalPath drops them. */
const GLOBAL_OBJECTS = new Set(['window', 'self', 'globalThis', 'global', 'top', 'parent', 'frames']);

/**
 * Tracks names bound to a provider (`const eth = window.ethereum`) and reports hooks through
 * `onHook`. Assignments guarded by "only when absent" (`if (!self.fetch) self.fetch = polyfill`,
 * `self.fetch = self.fetch || polyfill`) are polyfills, not hooks, and are not reported.
 */
export function hookVisitor(bindings: Bindings, onHook: (hook: Hook, kind: 'provider' | 'network') => void): Visitor {
  const providerAliases = new Map<string, string>();
  const absenceGuards: boolean[] = [];

  /** The provider-relative name of an expression: `eth.request` for `const eth = window.ethereum` is `ethereum.request`. */
  const nameOf = (node: AstNode): string | undefined => {
    const p = globalPath(node, bindings);
    if (p === undefined) return undefined;
    const dot = p.indexOf('.');
    const head = dot < 0 ? p : p.slice(0, dot);
    const alias = providerAliases.get(head);
    return alias === undefined ? p : alias + (dot < 0 ? '' : p.slice(dot));
  };
  const classify = (target: string | undefined, raw: AstNode | undefined): 'provider' | 'network' | undefined => {
    if (target === undefined) return undefined;
    const dot = target.lastIndexOf('.');
    if (dot > 0 && PROVIDERS.includes(target.slice(0, dot)) && PROVIDER_METHODS.has(target.slice(dot + 1))) return 'provider';
    if (NETWORK_TARGETS.has(target)) {
      if (NEEDS_GLOBAL_PREFIX.has(target) && raw && unwrap(raw).type === 'Identifier') return undefined;
      return 'network';
    }
    return undefined;
  };
  const isProvider = (target: string | undefined) => target !== undefined && PROVIDERS.includes(target);
  /**
   * Whether `nameOf(node)` may be a provider or a hooked API, judged from the node's last property
   * name: a member path keeps its last segment (only leading global objects are dropped), so a
   * name like `a.b.c` is one only when `c` is one of `lasts`. The exception, a path that shrinks
   * to one segment (`window.x`) and may then be a provider alias, is left to the full computation.
   */
  const mayName = (node: AstNode, lasts: ReadonlySet<string>): boolean => {
    const n = unwrap(node);
    if (n.type !== 'MemberExpression') return true;
    const prop = propertyName(n, bindings);
    if (prop === undefined) return false;
    if (lasts.has(prop.slice(prop.lastIndexOf('.') + 1))) return true;
    let root = unwrap(n.object as AstNode);
    while (root.type === 'MemberExpression') root = unwrap(root.object as AstNode);
    return root.type !== 'Identifier' || GLOBAL_OBJECTS.has(root.name);
  };

  return {
    VariableDeclarator: (node) => {
      const d = node as AstNode & { type: 'VariableDeclarator' };
      if (d.id.type !== 'Identifier' || !d.init || !mayName(d.init as AstNode, PROVIDER_LASTS)) return;
      const p = nameOf(d.init as AstNode);
      if (isProvider(p)) providerAliases.set(d.id.name, p!);
    },
    IfStatement: (node) => {
      const test = (node as AstNode & { type: 'IfStatement' }).test as AstNode;
      absenceGuards.push(isAbsenceCheck(test, bindings));
    },
    'IfStatement:exit': () => {
      absenceGuards.pop();
    },
    AssignmentExpression: (node, parent) => {
      const a = node as AstNode & { type: 'AssignmentExpression' };
      const left = unwrap(a.left as AstNode);
      // A plain name (`fetch = x` may be a local) or a pattern is never a hook.
      if (left.type !== 'MemberExpression') return;
      // provider[name] = wrapper, with `name` looping over request/send/sendAsync
      if (left.computed && staticString(left.property as AstNode, bindings) === undefined) {
        const base = nameOf(left.object as AstNode);
        if (isProvider(base)) onHook({ node, target: `${base}[…]`, how: 'assignment' }, 'provider');
        return;
      }
      if (!mayName(left, HOOKED_LASTS)) return;
      const target = nameOf(a.left as AstNode);
      const right = unwrap(a.right as AstNode);
      // `window.ethereum = new Proxy(window.ethereum, …)` is handled by the Proxy check.
      const kind = classify(target, a.left as AstNode);
      if (!kind) return;
      if (kind === 'network' && (absenceGuards.includes(true) || isPolyfillFallback(right, target!, nameOf) || (parent?.type === 'LogicalExpression' && parent.operator !== '&&'))) return;
      onHook({ node, target: target!, how: 'assignment' }, kind);
    },
    CallExpression: (node) => {
      const c = node as AstNode & { type: 'CallExpression' };
      const [obj, key] = c.arguments as AstNode[];
      if (!obj) return;
      // Object.defineProperty, Reflect.defineProperty, Reflect.set, Object.assign: a plain name never is one.
      const raw = unwrap(c.callee as AstNode);
      if (raw.type === 'Identifier' || (raw.type === 'MemberExpression' && !mayName(raw, DEFINERS))) return;
      const callee = globalPath(c.callee as AstNode, bindings);
      if (callee === 'Object.defineProperty' || callee === 'Reflect.defineProperty' || callee === 'Reflect.set') {
        const prop = key ? staticString(key, bindings) : undefined;
        const base = nameOf(obj);
        if (base === undefined) return;
        if (prop === undefined) {
          // Object.defineProperty(provider, name, …) with `name` computed: any of its methods.
          if (isProvider(base)) onHook({ node, target: `${base}[…]`, how: callee === 'Reflect.set' ? 'Reflect.set' : 'defineProperty' }, 'provider');
          return;
        }
        const target = base === 'window' || base === 'self' || base === 'globalThis' ? prop : `${base}.${prop}`;
        const kind = classify(target, undefined);
        if (kind) onHook({ node, target, how: callee === 'Reflect.set' ? 'Reflect.set' : 'defineProperty' }, kind);
      } else if (callee === 'Object.assign') {
        const base = nameOf(obj);
        const src = key ? unwrap(key) : undefined;
        if (base === undefined || src?.type !== 'ObjectExpression') return;
        for (const p of src.properties) {
          if (p.type !== 'Property') continue;
          const prop = p.computed ? staticString(p.key as AstNode, bindings) : p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
          const target = prop === undefined ? undefined : `${base}.${prop}`;
          const kind = classify(target, undefined);
          if (kind) onHook({ node, target: target!, how: 'Object.assign' }, kind);
        }
      }
    },
    NewExpression: (node) => {
      const n = node as AstNode & { type: 'NewExpression' };
      const raw = unwrap(n.callee as AstNode);
      if (!n.arguments[0] || (raw.type === 'Identifier' && raw.name !== 'Proxy') || (raw.type === 'MemberExpression' && !mayName(raw, PROXY))) return;
      if (globalPath(n.callee as AstNode, bindings) !== 'Proxy') return;
      const target = nameOf(n.arguments[0] as AstNode);
      if (isProvider(target)) onHook({ node, target: target!, how: 'Proxy' }, 'provider');
      else {
        const kind = classify(target, n.arguments[0] as AstNode);
        if (kind) onHook({ node, target: target!, how: 'Proxy' }, kind);
      }
    },
  };
}

/** `!self.fetch`, `typeof fetch === 'undefined'`, `!('fetch' in self)`: code that only fills a gap. */
function isAbsenceCheck(test: AstNode, bindings: Bindings): boolean {
  const t = unwrap(test);
  if (t.type === 'LogicalExpression') return isAbsenceCheck(t.left as AstNode, bindings) || isAbsenceCheck(t.right as AstNode, bindings);
  if (t.type === 'UnaryExpression' && t.operator === '!') {
    const arg = unwrap(t.argument as AstNode);
    if (arg.type === 'BinaryExpression' && arg.operator === 'in') return NETWORK_NAME.test(staticString(arg.left as AstNode, bindings) ?? '');
    return NETWORK_NAME.test(globalPath(arg, bindings) ?? '');
  }
  if (t.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(t.operator)) {
    const sides = [unwrap(t.left as AstNode), unwrap(t.right as AstNode)];
    const typeOf = sides.find((s) => s.type === 'UnaryExpression' && s.operator === 'typeof') as (AstNode & { argument: AstNode }) | undefined;
    const other = sides.find((s) => s !== typeOf);
    const value = other ? staticString(other) : undefined;
    const equal = t.operator === '===' || t.operator === '==';
    // typeof fetch === 'undefined', typeof self.fetch !== 'function'
    if (typeOf && ((equal && value === 'undefined') || (!equal && value === 'function'))) return NETWORK_NAME.test(globalPath(typeOf.argument, bindings) ?? '');
    // self.fetch == null
    if (sides.some((s) => s.type === 'Literal' && s.value === null) || sides.some((s) => s.type === 'Identifier' && s.name === 'undefined')) return sides.some((s) => NETWORK_NAME.test(globalPath(s, bindings) ?? ''));
  }
  return false;
}

const NETWORK_NAME = /^(?:fetch|XMLHttpRequest|Headers|Request|Response)$/;

/** `self.fetch = self.fetch || polyfill` and `self.fetch = self.fetch ? self.fetch : polyfill`. */
function isPolyfillFallback(right: AstNode, target: string, nameOf: (n: AstNode) => string | undefined): boolean {
  if (right.type === 'LogicalExpression' && (right.operator === '||' || right.operator === '??')) return nameOf(right.left as AstNode) === target;
  if (right.type === 'ConditionalExpression') return nameOf(right.consequent as AstNode) === target || nameOf(right.test as AstNode) === target;
  return false;
}
