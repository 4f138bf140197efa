import type { AstNode } from '../../types.js';
import { Clock, VersionedMap } from './history.js';
import { type Bindings, memberPath, moduleSpecifier, propertyName, staticString, unwrap } from './values.js';

/**
 * What the names in a file refer to: `const h = require('https')`, `import { request } from 'node:https'`
 * and `const { execSync: run } = require('child_process')` make `h.get`, `request` and `run` the
 * canonical `https.get`, `https.request` and `child_process.execSync`. Scope is ignored, as in
 * {@link Bindings}: a rule asks "does this file call https.request", not which function does.
 */

/** Node built-ins and popular packages that are one thing under several names. */
const MODULE_ALIASES: Record<string, string> = {
  'fs/promises': 'fs.promises',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  'dns/promises': 'dns.promises',
  'timers/promises': 'timers',
};

export function canonicalModule(spec: string): string {
  const s = spec.replace(/^node:/, '');
  return MODULE_ALIASES[s] ?? s;
}

export class ModuleAliases {
  private readonly names: VersionedMap<string>;
  /** Every module the file loads (canonical), for "this file can talk to the network" checks. */
  readonly loaded = new Set<string>();

  /** `clock`: the file's, shared with its {@link Bindings} (history.ts). */
  constructor(readonly clock: Clock = new Clock()) {
    this.names = new VersionedMap(clock);
  }

  /** Call from `VariableDeclarator`, `ImportDeclaration`, `CallExpression` and `ImportExpression` visitors. */
  record(node: AstNode, bindings?: Bindings): void {
    if (node.type === 'ImportDeclaration') {
      const spec = moduleSpecifier(node, bindings);
      if (spec === undefined) return;
      const mod = canonicalModule(spec);
      this.loaded.add(mod);
      for (const s of node.specifiers) {
        if (s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier') this.names.set(s.local.name, mod);
        else {
          const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
          this.names.set(s.local.name, imported === 'default' ? mod : `${mod}.${imported}`);
        }
      }
      return;
    }
    if (node.type === 'CallExpression' || node.type === 'ImportExpression') {
      const spec = moduleSpecifier(node, bindings);
      if (spec !== undefined) this.loaded.add(canonicalModule(spec));
      return;
    }
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    const target = this.resolveExpression(node.init as AstNode, bindings);
    if (target === undefined) return;
    if (node.id.type === 'Identifier') this.names.set(node.id.name, target);
    else if (node.id.type === 'ObjectPattern') {
      for (const p of node.id.properties) {
        if (p.type !== 'Property') continue;
        const key = p.computed ? staticString(p.key as AstNode, bindings) : p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
        const value = unwrap(p.value as AstNode);
        const local = value.type === 'Identifier' ? value.name : value.type === 'AssignmentPattern' && value.left.type === 'Identifier' ? value.left.name : undefined;
        if (key !== undefined && local !== undefined) this.names.set(local, `${target}.${key}`);
      }
    }
  }

  /**
   * The canonical dotted name of an expression: `h.request` for `const h = require('https')` is
   * `https.request`; `require('child_process').spawn` is `child_process.spawn`; an unknown name stays as written.
   */
  resolveExpression(node: AstNode, bindings?: Bindings): string | undefined {
    const n = unwrap(node);
    if (n.type === 'AwaitExpression') return this.resolveExpression(n.argument as AstNode, bindings);
    const spec = moduleSpecifier(n, bindings);
    if (spec !== undefined && n.type === 'CallExpression') return canonicalModule(spec);
    if (n.type === 'MemberExpression') {
      const object = this.resolveExpression(n.object as AstNode, bindings);
      const prop = propertyName(n, bindings);
      return object === undefined || prop === undefined ? undefined : `${object}.${prop}`;
    }
    const path = memberPath(n, bindings);
    if (path === undefined) return undefined;
    return this.canonical(path);
  }

  /** Replaces the first segment of a dotted name by what it was bound to. */
  canonical(path: string): string {
    const dot = path.indexOf('.');
    const head = dot < 0 ? path : path.slice(0, dot);
    const bound = this.names.get(head);
    if (bound === undefined) return path;
    return dot < 0 ? bound : bound + path.slice(dot);
  }

  /**
   * Callees already resolved: a dozen rules ask about the same call while the walk is on it. A Map,
   * not a WeakMap: it lives as long as the file's analysis, and Map lookups are several times cheaper.
   */
  private readonly callees = new Map<object, string | null>();
  /** Command lines of calls (exec.ts), memoized here for the same reasons. */
  readonly commandLines: { lines: Map<object, string | null>; lastNode?: object; lastLine?: string } = { lines: new Map() };

  /** The last call asked about, and its callee: the rules ask in turn about the node the walk is on. */
  private lastNode: object | undefined;
  private lastCallee: string | undefined;

  /** The canonical name of what a call or `new` calls, through `(0, x.y)(…)`. */
  callee(node: AstNode, bindings?: Bindings): string | undefined {
    if (node === this.lastNode) return this.lastCallee;
    const cached = this.callees.get(node);
    let name: string | undefined;
    if (cached !== undefined) name = cached ?? undefined;
    else {
      name = this.resolveCallee(node, bindings);
      this.callees.set(node, name ?? null);
    }
    this.lastNode = node;
    this.lastCallee = name;
    return name;
  }

  private resolveCallee(node: AstNode, bindings?: Bindings): string | undefined {
    const n = unwrap(node);
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
    let callee = unwrap(n.callee as AstNode);
    if (callee.type === 'SequenceExpression') callee = unwrap(callee.expressions[callee.expressions.length - 1] as AstNode);
    return this.resolveExpression(callee, bindings);
  }
}

/** Modules that open network connections. */
const NETWORK_MODULES = new Set([
  'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns.promises', 'undici', 'axios', 'node-fetch', 'cross-fetch',
  'isomorphic-fetch', 'got', 'request', 'superagent', 'needle', 'phin', 'centra', 'bent', 'ky', 'make-fetch-happen',
  'minipass-fetch', 'ws', 'socket.io-client', 'follow-redirects', 'axios/dist/node/axios.cjs',
]);

export function isNetworkModule(mod: string): boolean {
  return NETWORK_MODULES.has(mod);
}

/** Global browser/Node APIs that send requests when called (or constructed). */
const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'navigator.sendBeacon']);

/** Canonical names of calls that send data: the first argument or an options object says where. */
const SEND_CALLS = /^(?:fetch|(?:window|self|globalThis|global)\.fetch|navigator\.sendBeacon|https?\.(?:request|get)|http2\.connect|net\.(?:connect|createConnection)|tls\.connect|undici\.(?:request|fetch|stream)|axios(?:\.(?:get|post|put|patch|request|delete|head))?|got(?:\.(?:get|post|put|patch))?|node-fetch|cross-fetch|isomorphic-fetch|request(?:\.(?:get|post|put|patch))?|superagent(?:\.(?:get|post|put))?|needle(?:\.(?:get|post|put|request))?|phin|centra|bent|ky(?:\.(?:get|post|put))?|make-fetch-happen|minipass-fetch|follow-redirects\.https?\.(?:request|get)|dns(?:\.promises)?\.(?:resolve\w*|lookup\w*|reverse))$/;

export function isSendCall(canonical: string | undefined): boolean {
  return canonical !== undefined && SEND_CALLS.test(canonical);
}

export function isNetworkGlobal(path: string | undefined): boolean {
  if (path === undefined) return false;
  return NETWORK_GLOBALS.has(path.replace(/^(?:window|self|globalThis|global)\./, ''));
}

/**
 * Visitors that tell whether a file talks to the network at all: it loads a network module or
 * calls `fetch`, `XMLHttpRequest`, `WebSocket`, `sendBeacon`. Shared by rules that only fire on
 * "reads secrets *and* can send them".
 */
export function networkUse(aliases: ModuleAliases, bindings?: Bindings) {
  const state = { used: false };
  const onCall = (node: AstNode) => {
    if (state.used) return;
    const callee = aliases.callee(node, bindings);
    if (isNetworkGlobal(callee) || isSendCall(callee)) state.used = true;
  };
  return {
    get used(): boolean {
      return state.used || [...aliases.loaded].some(isNetworkModule);
    },
    visitor: { CallExpression: onCall, NewExpression: onCall },
  };
}

