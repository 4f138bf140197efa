import type { AstNode } from '../../types.js';
import { isNode, propertyName, staticString, unwrap } from '../_ast/values.js';

/**
 * Which module a local name stands for. Rules ask "is this call `child_process.exec`?" and the
 * answer must survive the shapes real code (and bundlers, and malware) use: `cp.exec`,
 * `const { exec: run } = require('child_process')`, `require('child_' + 'process').exec`,
 * `import { exec } from 'node:child_process'`, `(0, import_cp.exec)(…)`, `var r = require; r('fs')`.
 * Scope is ignored (a name bound twice to different modules is forgotten), which is right for
 * module-level requires, the only kind that matters here.
 */
export interface ModuleRef {
  /** Without a `node:` prefix: `child_process`. */
  module: string;
  /** Members read off the module: `[]` for the module itself, `['promises', 'rm']` for `fs.promises.rm`. */
  path: readonly string[];
}

type Loose = AstNode & { [key: string]: unknown };
const loose = (n: unknown): Loose => n as Loose;

/** Bundler and TypeScript interop wrappers that return (a view of) the module they are given. */
const INTEROP = /^(?:__toESM|__toCommonJS|__importStar|__importDefault|_interopRequireDefault|_interopRequireWildcard|__importDefault\w*|_interop\w*|__esModule\w*|tslib_\d*\.__import\w+)$/;

/** Every {@link INTEROP} name starts with `_` or `tslib_`: most callees fail this before the regex. */
function mayBeInterop(name: string): boolean {
  const c = name.charCodeAt(0);
  return c === 95 /* _ */ || c === 116 /* t */;
}

export class ModuleBindings {
  private readonly refs = new Map<string, ModuleRef | null>();
  /** Names that act as `require`: `require` itself, aliases (`var r = require`), `createRequire(…)` results. */
  private readonly requires = new Set(['require', '__require', '__non_webpack_require__']);

  /** Call from a `VariableDeclarator` visitor. */
  declare(node: AstNode): void {
    const d = loose(node);
    const id = d['id'];
    const init = d['init'];
    if (!isNode(id) || !isNode(init)) return;
    this.bind(id, init);
  }

  /** Call from an `AssignmentExpression` visitor (`cp = require('child_process')` in a `var cp;` file). */
  assign(node: AstNode): void {
    const a = loose(node);
    if (a['operator'] !== '=') return;
    const left = a['left'];
    const right = a['right'];
    if (isNode(left) && isNode(right) && (left.type === 'Identifier' || left.type === 'ObjectPattern')) this.bind(left, right);
  }

  /** Call from an `ImportDeclaration` visitor. */
  importDeclaration(node: AstNode): void {
    if (node.type !== 'ImportDeclaration') return;
    const spec = typeof node.source.value === 'string' ? normalize(node.source.value) : undefined;
    if (!spec) return;
    for (const s of node.specifiers) {
      if (s.type === 'ImportSpecifier') {
        const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
        this.set(s.local.name, { module: spec, path: imported === 'default' ? [] : [imported] });
      } else {
        this.set(s.local.name, { module: spec, path: [] });
      }
    }
  }

  /** Whether a callee (an identifier or member chain) is `require` or an alias of it. */
  isRequire(callee: AstNode): boolean {
    const c = unwrap(callee);
    if (c.type === 'Identifier') return this.requires.has(c.name) && !this.refs.has(c.name);
    if (c.type === 'MemberExpression') {
      const prop = propertyName(c);
      if (prop !== 'require') return false;
      const obj = unwrap(c.object as AstNode);
      // module.require, process.mainModule.require, global.process.mainModule.require
      if (obj.type === 'Identifier') return obj.name === 'module';
      return obj.type === 'MemberExpression' && propertyName(obj) === 'mainModule';
    }
    return false;
  }

  /** The module (member) an expression refers to, or undefined. */
  refOf(node: AstNode, depth = 0): ModuleRef | undefined {
    if (depth > 20) return undefined;
    let n = unwrap(node);
    if (n.type === 'SequenceExpression') n = unwrap(n.expressions[n.expressions.length - 1] as AstNode);
    if (n.type === 'AwaitExpression') return this.refOf(n.argument as AstNode, depth + 1);
    if (n.type === 'Identifier') return this.refs.get(n.name) ?? undefined;
    if (n.type === 'ImportExpression') {
      const spec = staticString(n.source as AstNode);
      return spec ? { module: normalize(spec), path: [] } : undefined;
    }
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee as AstNode);
      const first = n.arguments[0];
      if (this.isRequire(callee)) {
        const spec = first && first.type !== 'SpreadElement' ? staticString(first as AstNode) : undefined;
        return spec ? { module: normalize(spec), path: [] } : undefined;
      }
      if (first && first.type !== 'SpreadElement') {
        const calleeName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
        // util.promisify(cp.exec) is still cp.exec; interop wrappers return the module.
        if (calleeName === 'promisify' || (calleeName !== undefined && mayBeInterop(calleeName) && INTEROP.test(calleeName))) return this.refOf(first as AstNode, depth + 1);
      }
      return undefined;
    }
    if (n.type === 'MemberExpression') {
      const base = this.refOf(n.object as AstNode, depth + 1);
      if (!base) return undefined;
      const prop = propertyName(n);
      if (prop === undefined) return undefined;
      if (prop === 'default' && base.path.length === 0) return base;
      return { module: base.module, path: [...base.path, prop] };
    }
    return undefined;
  }

  /** What a call or `new` calls, as a module member: `{ module: 'child_process', path: ['exec'] }`. */
  calleeRef(call: AstNode): ModuleRef | undefined {
    const n = unwrap(call);
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
    return this.refOf(n.callee as AstNode);
  }

  private bind(id: AstNode, init: AstNode): void {
    const value = unwrap(init);
    if (id.type === 'Identifier') {
      // var r = require; const req = createRequire(import.meta.url); const req = module.createRequire(...)
      if (this.isRequire(value) || (value.type === 'CallExpression' && isCreateRequire(calleeText(value)))) {
        this.requires.add(id.name);
        return;
      }
      const ref = this.refOf(value);
      if (ref) this.set(id.name, ref);
      return;
    }
    if (id.type === 'ObjectPattern') {
      const base = this.refOf(value);
      if (!base) return;
      for (const p of id.properties) {
        if (p.type !== 'Property') continue;
        const key = p.computed ? staticString(p.key as AstNode) : p.key.type === 'Identifier' ? p.key.name : typeof (p.key as { value?: unknown }).value === 'string' ? String((p.key as { value: string }).value) : undefined;
        let target = p.value as AstNode;
        if (target.type === 'AssignmentPattern') target = target.left as AstNode;
        if (key !== undefined && target.type === 'Identifier') this.set(target.name, { module: base.module, path: [...base.path, key] });
      }
    }
  }

  private set(name: string, ref: ModuleRef): void {
    const had = this.refs.get(name);
    if (had === undefined && !this.refs.has(name)) this.refs.set(name, ref);
    else if (had && (had.module !== ref.module || had.path.join('.') !== ref.path.join('.'))) this.refs.set(name, null);
  }
}

/** `/(?:^|\.)createRequire$/.test(text)`, without a regex run per declaration. */
function isCreateRequire(text: string): boolean {
  return text.endsWith('createRequire') && (text.length === 13 || text.charCodeAt(text.length - 14) === 46 /* . */);
}

function calleeText(call: AstNode & { type: 'CallExpression' }): string {
  const c = unwrap(call.callee as AstNode);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression') return propertyName(c) ?? '';
  return '';
}

export function normalize(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/** Process-spawning APIs: module -> member names (`''` is the module called directly, `execa(…)`). */
const EXEC_APIS: Readonly<Record<string, ReadonlySet<string>>> = {
  child_process: new Set(['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']),
  execa: new Set(['', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync', 'command', 'commandSync', 'sync', '$', 'execaNode']),
  'cross-spawn': new Set(['', 'spawn', 'sync']),
  shelljs: new Set(['exec']),
  'node-pty': new Set(['spawn']),
};

/** `exec`, `spawn`… when the ref is a process-spawning API; undefined otherwise. */
export function execApi(ref: ModuleRef | undefined): string | undefined {
  if (!ref) return undefined;
  const names = EXEC_APIS[ref.module];
  const member = ref.path[ref.path.length - 1] ?? '';
  if (!names || ref.path.length > 1 || !names.has(member)) return undefined;
  return member || ref.module;
}

/** APIs whose first argument is a whole shell command line (as opposed to a file plus an argv array). */
export function takesCommandLine(api: string): boolean {
  return api === 'exec' || api === 'execSync' || api === 'execaCommand' || api === 'execaCommandSync' || api === 'command' || api === 'commandSync';
}

const NETWORK_MODULES: Readonly<Record<string, ReadonlySet<string> | 'any'>> = {
  http: new Set(['get', 'request']),
  https: new Set(['get', 'request']),
  http2: new Set(['connect']),
  net: new Set(['connect', 'createConnection', 'Socket']),
  tls: new Set(['connect']),
  dgram: new Set(['createSocket']),
  dns: new Set(['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveTxt', 'resolveAny']),
  'node-fetch': 'any',
  'cross-fetch': 'any',
  axios: 'any',
  got: 'any',
  request: 'any',
  needle: 'any',
  undici: 'any',
  superagent: 'any',
  phin: 'any',
  bent: 'any',
  ky: 'any',
  ws: 'any',
  'socket.io-client': 'any',
  'follow-redirects': 'any',
  'https-proxy-agent': 'any',
  'simple-get': 'any',
  'make-fetch-happen': 'any',
  'minipass-fetch': 'any',
};

/** Global network APIs, called or constructed without an import. */
const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']);

/**
 * Whether a call or `new` makes a network request (or opens a connection). `calleeRef`: the
 * call's `mods.calleeRef`, when the caller has it memoized (file-model.ts).
 */
export function isNetworkCall(call: AstNode, mods: ModuleBindings, calleeRef: (n: AstNode) => ModuleRef | undefined = (n) => mods.calleeRef(n)): boolean {
  const n = unwrap(call);
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return false;
  const ref = calleeRef(n);
  if (ref) {
    const allowed = NETWORK_MODULES[ref.module];
    if (allowed === 'any') return true;
    const member = ref.path[ref.path.length - 1];
    return allowed !== undefined && member !== undefined && allowed.has(member);
  }
  const callee = unwrap(n.callee as AstNode);
  if (callee.type === 'Identifier') return NETWORK_GLOBALS.has(callee.name) && mods.refOf(callee) === undefined;
  if (callee.type === 'MemberExpression') {
    const obj = unwrap(callee.object as AstNode);
    const prop = propertyName(callee);
    return obj.type === 'Identifier' && /^(?:window|globalThis|global|self)$/.test(obj.name) && prop !== undefined && NETWORK_GLOBALS.has(prop);
  }
  return false;
}

/** Cheap text test: could this file make a network request at all? */
export const NETWORK_TEXT = /\b(?:https?|http2|net|tls|dgram|dns|node-fetch|cross-fetch|axios|got|request|needle|undici|superagent|ws|follow-redirects|simple-get)['"]|\bfetch\s*\(|XMLHttpRequest|WebSocket/;

/** The `fs` member a ref names (`rmSync`, `promises.rm` -> `rm`), or undefined when it is not `fs`/`fs-extra`/`fs/promises`. */
export function fsApi(ref: ModuleRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.module === 'fs' || ref.module === 'graceful-fs' || ref.module === 'fs-extra') {
    if (ref.path.length === 1) return ref.path[0];
    if (ref.path.length === 2 && ref.path[0] === 'promises') return ref.path[1];
    return undefined;
  }
  if (ref.module === 'fs/promises' && ref.path.length === 1) return ref.path[0];
  return undefined;
}
