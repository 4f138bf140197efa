import type { AstNode, AstProgram, Visitor } from '../../types.js';
import { commandLine } from './exec.js';
import { DeferredWalk } from './history.js';
import { isSendCall, type ModuleAliases } from './modules.js';
import { classifySecretPath, FILE_READERS, type SecretPath } from './secret-paths.js';
import { type Bindings, HOLE, isNode, lastName, memberPath, staticString, stringShape, unwrap } from './values.js';

/**
 * A small, flow-insensitive taint tracker for one file: where do secrets go? Sources are the
 * whole `process.env`, the contents of credential files and the output of token-printing
 * commands; taint follows variables, object and array literals, templates, concatenation and a
 * fixed list of encoders (JSON.stringify, Buffer.from, btoa, …). Sinks are calls that send over
 * the network. Unknown functions stop the taint: `getProxyForUrl(url, process.env)` returns a
 * proxy URL, not the environment. This is GuardDog's "source → sink" idea at file scale, which
 * is what lifts detection of env-stealing packages from a few percent to most of them
 * (detection-benchmarks.md, Guo et al. 2026).
 */

export interface Taint {
  /** What secret it is: `process.env`, `~/.npmrc (npm token (.npmrc))`, `output of gh auth token`. */
  label: string;
  /** The environment object itself: `env.HOME` of it is one variable, not the secrets. */
  envObject: boolean;
  /** Set when the secret is a credential file's contents. */
  file?: SecretPath;
  /**
   * Not a secret yet: "whatever the caller passes as parameter `index` of function `fn`". A sink
   * reached by it makes `fn` a sending function; a call of `fn` with a real secret is a flow.
   */
  param?: { fn: string; name: string; index: number };
  /** Where the secret enters the code: the `process.env`, the read call, the key's name. */
  origin?: AstNode;
}

/** Extra sources a rule adds to the built-in ones (the wallet rules track account addresses). */
export type SourceMatcher = (node: AstNode) => Taint | undefined;

export interface SecretFlow {
  sink: AstNode;
  callee: string;
  taint: Taint;
}

/** A call of a user function, kept until the end of the file to see whether the function sends. */
interface PendingCall {
  node: AstNode;
  fn: string;
  name: string;
  args: (Taint | undefined)[];
}

/** Calls that carry their argument's content into their result. */
const PROPAGATORS = new Set([
  'JSON.stringify', 'Buffer.from', 'btoa', 'encodeURIComponent', 'encodeURI', 'escape', 'String', 'Object.keys', 'Object.values',
  'Object.entries', 'Object.assign', 'Object.fromEntries', 'Array.from', 'util.inspect', 'querystring.stringify', 'qs.stringify',
  'zlib.gzipSync', 'zlib.deflateSync', 'zlib.brotliCompressSync', 'structuredClone',
]);
/** User functions whose name says they transform their input (`encode(data)`, `encryptPayload(x)`). */
const TRANSFORM_NAME = /encod|encrypt|compress|serial|stringif|base64|b64|hex|pack|obfusc|xor/i;
const PROPAGATING_CONSTRUCTORS = new Set(['URLSearchParams', 'FormData', 'Blob', 'TextEncoder', 'URL']);

/**
 * Keys whose value is a credential used where it belongs, not a payload: auth headers, and the
 * client certificate/key options of TLS and SSH connections.
 */
const AUTH_KEYS = /^(?:authorization|proxy-authorization|x-api-key|private-token|x-auth-token|key|cert|pfx|passphrase|ca|privateKey)$/i;

/** Names that hold a wallet's or an account's private key material. */
const KEY_NAMES = /^(?:secretKey|privateKey|privKey|private_key|secret_key|mnemonic|seedPhrase|seed_phrase|mnemonicPhrase)$/;

/** Commands whose output is a token or a secret. */
const SECRET_COMMANDS: [RegExp, string][] = [
  [/\bgh\s+auth\s+token\b/, 'output of gh auth token'],
  [/\bnpm\s+(?:config\s+get\s+\S*_auth|token\s+list)/, 'npm token from npm config'],
  [/\btrufflehog\b/i, 'TruffleHog results'],
  [/\bgitleaks\b/i, 'gitleaks results'],
  [/\bsecurity\s+find-(?:generic|internet)-password\b/, 'macOS keychain password'],
  [/\bgit\s+credential\s+fill\b/, 'git credential helper output'],
  [/\b(?:cat|type|more|less|head|tail)\s+\S*(?:\.npmrc|\.ssh\/|\.aws\/credentials|\.git-credentials|hosts\.yml)/, 'credential file contents'],
  [/\b(?:env|printenv|set)\s*(?:$|[|;&>])/, 'the environment (env/printenv)'],
];

/** Substrings of every source the tracker knows: files with none of them cannot leak a secret. */
export const SECRET_NEEDLES: readonly string[] = ['process.env', 'process[', 'secretKey', 'privateKey', 'privKey', 'private_key', 'secret_key', 'mnemonic', 'seedPhrase', 'seed_phrase', '.npmrc', '.ssh', '.aws', 'credentials', 'hosts.yml', 'auth token', 'trufflehog', 'gitleaks', 'Login Data', 'Local State', 'wallet', 'keystore', 'id.json', 'netrc', 'Local Extension Settings'];

/** Methods of request objects that send their argument. */
const OBJECT_SENDS = new Set(['write', 'end', 'send']);

/** One function's names: what it declares, and which of them hold secrets, request objects or credential paths. */
let scopeIds = 0;

class Scope {
  readonly id = ++scopeIds;
  /** The scope-qualified name of the function this scope is the body of, when it has one. */
  fn?: string;
  readonly declared = new Set<string>();
  readonly taint = new Map<string, Taint>();
  readonly requests = new Set<string>();
  readonly paths = new Map<string, string>();
}

const FUNCTIONS = ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'] as const;

/** The identifiers a binding pattern declares: `{ a, b: [c] }` declares a and c. */
function patternNames(pattern: AstNode, out: string[] = []): string[] {
  const p = unwrap(pattern);
  if (p.type === 'Identifier') {
    out.push(p.name);
  } else if (p.type === 'ObjectPattern') {
    for (const prop of p.properties) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as AstNode, out);
  } else if (p.type === 'ArrayPattern') {
    for (const el of p.elements) if (el) patternNames(el as AstNode, out);
  } else if (p.type === 'AssignmentPattern') {
    patternNames(p.left as AstNode, out);
  } else if (p.type === 'RestElement') {
    patternNames(p.argument as AstNode, out);
  }
  return out;
}

export class SecretTaint {
  /**
   * Function scopes, innermost last. Names resolve to the nearest function that declares them
   * (blocks are folded into their function): a 30,000-line bundle reuses `opts` and `url` in
   * hundreds of functions, and one tainted `opts` must not taint the others.
   */
  private readonly scopes: Scope[] = [new Scope()];
  /** Callback parameters that receive a secret, applied when the callback is entered. */
  private readonly pendingParams = new Map<AstNode, { taint: Taint; skip: number }>();
  /** Functions (by scope-qualified name) whose parameter `index` reaches a sink, with that sink. */
  private readonly sending = new Map<string, { sink: string; node: AstNode }>();
  private readonly calls: PendingCall[] = [];
  /** Functions that return a secret (`function collect() { return { env: process.env } }`). */
  private readonly returns = new Map<string, Taint>();
  /** Functions that return (an encoding of) their parameter `index`: `fn#index`. */
  private readonly passthrough = new Set<string>();
  private readonly found: SecretFlow[] = [];
  private resolved = false;

  /** Every flow of the file; read it at `Program:exit` (calls through helpers are resolved then). */
  get flows(): readonly SecretFlow[] {
    this.resolveCalls();
    return this.found;
  }

  constructor(
    private readonly aliases: ModuleAliases,
    private readonly bindings: Bindings,
    private readonly extraSources?: SourceMatcher,
  ) {}

  private get current(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }

  /** The scope a name belongs to: the nearest that declares it, else the module (implicit globals). */
  private scopeOf(name: string): Scope {
    for (let i = this.scopes.length - 1; i > 0; i--) if (this.scopes[i]!.declared.has(name)) return this.scopes[i]!;
    return this.scopes[0]!;
  }

  private taintedName(name: string): Taint | undefined {
    return this.scopeOf(name).taint.get(name);
  }

  /** The analysis itself: handlers that update the tracker at each node, as the walk reaches it. */
  private liveVisitor(): Visitor {
    const enter = (node: AstNode, parent: AstNode | null) => {
      const fn = node as AstNode & { type: (typeof FUNCTIONS)[number] };
      // The function's name, in the scope that declares it: `function c(…)`, `const c = (…) => …`.
      let name: string | undefined;
      if (fn.type === 'FunctionDeclaration' && fn.id) {
        name = fn.id.name;
        this.current.declared.add(name);
      } else if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === node) name = parent.id.name;
      const key = name === undefined ? undefined : `${this.scopeOf(name).id}:${name}`;
      const scope = new Scope();
      if (key !== undefined) scope.fn = key;
      if (fn.type === 'FunctionExpression' && fn.id) scope.declared.add(fn.id.name);
      for (const p of fn.params) for (const n of patternNames(p as AstNode)) scope.declared.add(n);
      this.scopes.push(scope);
      const pending = this.pendingParams.get(node);
      if (pending) {
        this.pendingParams.delete(node);
        fn.params.slice(pending.skip).forEach((param) => this.bindPattern(param as AstNode, pending.taint));
      } else if (key !== undefined) {
        fn.params.forEach((param, index) => {
          const p = unwrap(param as AstNode);
          const id = p.type === 'AssignmentPattern' ? unwrap(p.left as AstNode) : p;
          if (id.type === 'Identifier') scope.taint.set(id.name, { label: `parameter ${index + 1} of ${name}()`, envObject: false, param: { fn: key, name: name!, index } });
        });
      }
    };
    const exit = (node: AstNode) => {
      // (x) => encode(x): an expression body is the function's return value
      const body = (node as AstNode & { body: AstNode }).body;
      if (node.type === 'ArrowFunctionExpression' && body.type !== 'BlockStatement') this.noteReturn(body);
      if (this.scopes.length > 1) this.scopes.pop();
    };
    const visitor: Visitor = {
      VariableDeclarator: (node) => {
        const d = node as AstNode & { type: 'VariableDeclarator' };
        for (const name of patternNames(d.id as AstNode)) this.current.declared.add(name);
        if (!d.init) return;
        const init = d.init as AstNode;
        if (d.id.type === 'Identifier') {
          if (this.isRequestObject(init)) this.current.requests.add(d.id.name);
          const shape = stringShape(init, this.bindings);
          if (shape !== undefined && classifySecretPath(shape)) this.current.paths.set(d.id.name, shape);
        }
        const t = this.taintOf(init);
        if (t) this.bindPattern(d.id as AstNode, t, unwrap(init).type === 'AwaitExpression' ? unwrap((unwrap(init) as { argument: AstNode }).argument) : unwrap(init));
      },
      AssignmentExpression: (node) => {
        const a = node as AstNode & { type: 'AssignmentExpression' };
        const t = this.taintOf(a.right as AstNode);
        if (!t) return;
        let target = unwrap(a.left as AstNode);
        // `out[k] = process.env[k]`, `payload.env = process.env`: the object now holds the secret.
        while (target.type === 'MemberExpression') target = unwrap(target.object as AstNode);
        if (target.type === 'Identifier') this.scopeOf(target.name).taint.set(target.name, { ...t, envObject: t.envObject && unwrap(a.left as AstNode).type === 'Identifier' });
      },
      ReturnStatement: (node) => {
        const arg = (node as AstNode & { type: 'ReturnStatement' }).argument;
        if (arg) this.noteReturn(arg as AstNode);
      },
      ForOfStatement: (node) => this.bindLoop(node),
      ForInStatement: (node) => this.bindLoop(node),
      CallExpression: (node) => this.onCall(node as AstNode & { type: 'CallExpression' }),
      NewExpression: (node) => this.onCall(node as AstNode & { type: 'NewExpression' }),
    };
    for (const type of FUNCTIONS) {
      visitor[type] = enter;
      visitor[`${type}:exit`] = exit;
    }
    return visitor;
  }

  /** The late analysis, when the file turned out to have a sink (see {@link visitor}). */
  private deferred: DeferredWalk | undefined;
  private sinkSeen = false;

  /**
   * The tracker's visitor. Only a file that sends something can have a flow, and most files with
   * a secret source never do: given the file's `program` (and tables stepped by trackers()), the
   * analysis waits for the first node that makes a network sink possible and, if there is one,
   * runs at the end on its own walk of the file, each node seeing the tables as of its moment
   * (history.ts). A file without such a node costs only these tests. They are the ones the live
   * analysis makes, at the same nodes: a send call (or `new WebSocket`…), `x.write/end/send` on a
   * request made in place, and a name bound to a request object (which `req.write` needs).
   */
  visitor(file?: { ast: AstProgram | null; file: { path: string } }): Visitor {
    const live = this.liveVisitor();
    const clock = this.bindings.clock;
    if (!file?.ast || clock !== this.aliases.clock || !clock.stepped) return { ...live, 'Program:exit': () => this.resolveCalls() };
    clock.startRecording();
    this.deferred = new DeferredWalk(file.ast as AstNode, clock, live, file.file.path);
    return {
      CallExpression: (node) => {
        if (!this.sinkSeen && this.opensSink(node as AstNode & { type: 'CallExpression' })) this.sinkSeen = true;
      },
      NewExpression: (node) => {
        if (!this.sinkSeen && this.opensSink(node as AstNode & { type: 'NewExpression' })) this.sinkSeen = true;
      },
      VariableDeclarator: (node) => {
        const d = node as AstNode & { type: 'VariableDeclarator' };
        if (!this.sinkSeen && d.init && d.id.type === 'Identifier' && this.isRequestObject(d.init as AstNode)) this.sinkSeen = true;
      },
      'Program:exit': () => this.resolveCalls(),
    };
  }

  /** Whether {@link sinkCallee} could hold for this call, whatever the tracker's state. */
  private opensSink(node: AstNode & { type: 'CallExpression' | 'NewExpression' }): boolean {
    const callee = this.aliases.callee(node, this.bindings);
    if (isSendCall(callee)) return true;
    if (node.type === 'NewExpression' && (callee === 'WebSocket' || callee === 'ws' || callee === 'EventSource')) return true;
    const c = unwrap(node.callee as AstNode);
    return c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && OBJECT_SENDS.has(c.property.name) && this.isRequestObject(unwrap(c.object as AstNode));
  }

  private bindLoop(node: AstNode): void {
    const n = node as AstNode & { type: 'ForOfStatement' | 'ForInStatement' };
    const t = this.taintOf(n.right as AstNode);
    if (!t) return;
    const left = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
    if (!left) return;
    // Declared here, before the declarator is visited, so the binding lands in this function's scope.
    if (n.left.type === 'VariableDeclaration') for (const name of patternNames(left as AstNode)) this.current.declared.add(name);
    this.bindPattern(left as AstNode, { ...t, envObject: false });
  }

  private bindPattern(pattern: AstNode, t: Taint, init?: AstNode): void {
    const p = unwrap(pattern);
    if (p.type === 'Identifier') {
      // `const env = process.env` keeps the env object's nature; anything derived from it is data.
      const envObject = t.envObject && init !== undefined && (memberPath(init, this.bindings) === 'process.env' || (init.type === 'Identifier' && this.taintedName(init.name)?.envObject === true));
      this.scopeOf(p.name).taint.set(p.name, { ...t, envObject });
    } else if (p.type === 'ObjectPattern') {
      // `const { HOME } = process.env` is one variable; `const { stdout } = execSync(…)` is the output.
      if (t.envObject) return;
      for (const prop of p.properties) this.bindPattern((prop.type === 'RestElement' ? prop.argument : prop.value) as AstNode, t);
    } else if (p.type === 'ArrayPattern') {
      for (const el of p.elements) if (el) this.bindPattern(el as AstNode, { ...t, envObject: false });
    } else if (p.type === 'AssignmentPattern') this.bindPattern(p.left as AstNode, t);
    else if (p.type === 'RestElement') this.bindPattern(p.argument as AstNode, t);
  }

  private onCall(node: AstNode & { type: 'CallExpression' | 'NewExpression' }): void {
    const source = this.sourceCall(node);
    const callbackTaint = source ?? this.promiseTaint(node);
    if (callbackTaint) {
      // fs.readFile(p, (err, data) => …), exec(cmd, (err, stdout) => …), readFile(p).then((data) => …)
      const fn = [...node.arguments].reverse().find((a) => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression') as
        | (AstNode & { params: AstNode[] })
        | undefined;
      if (fn) this.pendingParams.set(fn, { taint: { label: callbackTaint.label, envObject: false, ...(callbackTaint.file ? { file: callbackTaint.file } : {}) }, skip: source ? 1 : 0 });
    }
    const sink = this.sinkCallee(node);
    if (sink !== undefined) {
      let real = false;
      for (const arg of node.arguments) {
        const t = this.taintOf(arg as AstNode);
        if (!t) continue;
        if (t.param) this.markSending(t.param.fn, t.param.index, sink, node);
        else if (!real) {
          real = true;
          this.found.push({ sink: node, callee: sink, taint: t });
        }
      }
      return;
    }
    // A call of a user function: does it hand a secret (or a parameter) to a function that sends?
    const callee = unwrap(node.callee as AstNode);
    if (callee.type === 'Identifier' && node.arguments.length > 0) {
      const args = node.arguments.map((a) => this.taintOf(a as AstNode));
      if (args.some(Boolean)) this.calls.push({ node, fn: `${this.scopeOf(callee.name).id}:${callee.name}`, name: callee.name, args });
    }
  }

  /** What the current function returns: a secret, or its own parameter (a helper like `b64(x)`). */
  private noteReturn(expr: AstNode): void {
    const fn = this.current.fn;
    if (fn === undefined) return;
    const t = this.taintOf(expr);
    if (!t) return;
    if (!t.param) {
      if (!this.returns.has(fn)) this.returns.set(fn, t);
    } else if (t.param.fn === fn) this.passthrough.add(`${fn}#${t.param.index}`);
  }

  private markSending(fn: string, index: number, sink: string, node: AstNode): void {
    const key = `${fn}#${index}`;
    if (!this.sending.has(key)) this.sending.set(key, { sink, node });
  }

  /** At the end of the file: follow calls through sending functions (to a fixpoint, for wrappers of wrappers). */
  private resolveCalls(): void {
    if (this.resolved) return;
    this.resolved = true;
    if (this.sinkSeen) this.deferred?.replay();
    for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
      changed = false;
      for (const call of this.calls) {
        call.args.forEach((t, index) => {
          const target = t && this.sending.get(`${call.fn}#${index}`);
          if (!t || !target || !t.param) return;
          const key = `${t.param.fn}#${t.param.index}`;
          if (!this.sending.has(key)) {
            this.sending.set(key, { sink: `${target.sink} via ${call.name}()`, node: target.node });
            changed = true;
          }
        });
      }
    }
    for (const call of this.calls) {
      for (const [index, t] of call.args.entries()) {
        const target = t && !t.param ? this.sending.get(`${call.fn}#${index}`) : undefined;
        if (target) {
          this.found.push({ sink: call.node, callee: `${target.sink} via ${call.name}()`, taint: t! });
          break;
        }
      }
    }
  }

  /** `.then(cb)` on a tainted promise. */
  private promiseTaint(node: AstNode & { type: 'CallExpression' | 'NewExpression' }): Taint | undefined {
    const callee = unwrap(node.callee as AstNode);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'then') return undefined;
    const t = this.taintOf(callee.object as AstNode);
    return t && { ...t, envObject: false };
  }

  /** The call reads a credential file (`fs.readFileSync(path.join(home, '.npmrc'))`) or runs a token-printing command. */
  sourceCall(node: AstNode): Taint | undefined {
    const n = unwrap(node);
    if (n.type !== 'CallExpression') return undefined;
    const extra = this.extraSources?.(n);
    if (extra) return { origin: n, ...extra };
    const callee = this.aliases.callee(n, this.bindings);
    const fn = lastName(callee);
    if (fn !== undefined && FILE_READERS.has(fn) && n.arguments[0]) {
      const shape = stringShape(n.arguments[0] as AstNode, this.bindings) ?? this.pathOfIdentifier(n.arguments[0] as AstNode);
      const secret = shape === undefined ? undefined : classifySecretPath(shape);
      if (secret) return { label: secret.kind, envObject: false, file: secret, origin: n };
    }
    const cmd = commandLine(n, this.aliases, this.bindings);
    if (cmd !== undefined) {
      const line = cmd.replaceAll(HOLE, ' ');
      for (const [re, label] of SECRET_COMMANDS) {
        if (!re.test(line)) continue;
        const file = label === 'credential file contents' ? classifySecretPath(line) : undefined;
        return file ? { label: file.kind, envObject: false, file, origin: n } : { label, envObject: false, origin: n };
      }
    }
    return undefined;
  }

  /**
   * The only part of a `VariableDeclarator` that {@link sourceCall} relies on, for a tracker used
   * just for its source tests (secret-files.ts): a name bound to a credential path
   * (`const p = join(home, '.npmrc')`), so `readFileSync(p)` is a read of it.
   */
  notePath(node: AstNode): void {
    const d = node as AstNode & { type: 'VariableDeclarator' };
    if (!d.init || d.id.type !== 'Identifier') return;
    const shape = stringShape(d.init as AstNode, this.bindings);
    if (shape !== undefined && classifySecretPath(shape)) this.current.paths.set(d.id.name, shape);
  }

  private pathOfIdentifier(node: AstNode): string | undefined {
    const n = unwrap(node);
    return n.type === 'Identifier' ? this.scopeOf(n.name).paths.get(n.name) : undefined;
  }

  /** The canonical callee when this call sends its arguments over the network. */
  private sinkCallee(node: AstNode & { type: 'CallExpression' | 'NewExpression' }): string | undefined {
    const callee = this.aliases.callee(node, this.bindings);
    if (isSendCall(callee)) return callee;
    if (node.type === 'NewExpression' && (callee === 'WebSocket' || callee === 'ws' || callee === 'EventSource')) return callee;
    const c = unwrap(node.callee as AstNode);
    if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && OBJECT_SENDS.has(c.property.name)) {
      const object = unwrap(c.object as AstNode);
      if (object.type === 'Identifier' && this.scopeOf(object.name).requests.has(object.name)) return `${object.name}.${c.property.name}`;
      if (this.isRequestObject(object)) return `${this.aliases.callee(object, this.bindings) ?? 'request'}().${c.property.name}`;
    }
    return undefined;
  }

  private isRequestObject(node: AstNode): boolean {
    const n = unwrap(node);
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return false;
    const callee = this.aliases.callee(n, this.bindings);
    if (isSendCall(callee)) return true;
    return n.type === 'NewExpression' && ['XMLHttpRequest', 'WebSocket', 'ws', 'net.Socket', 'tls.TLSSocket', 'dgram.Socket'].includes(callee ?? '');
  }

  /** Whether an expression carries a secret, and which. */
  taintOf(node: AstNode, depth = 0): Taint | undefined {
    if (depth > 12) return undefined;
    const n = unwrap(node);
    const sub = (x: unknown) => (isNode(x) ? this.taintOf(x, depth + 1) : undefined);
    const asData = (t: Taint | undefined): Taint | undefined => t && { ...t, envObject: false };
    switch (n.type) {
      case 'Identifier': {
        const t = this.taintedName(n.name);
        if (t && !t.param) return t;
        // secretKey, privateKey, mnemonic: key material by name (a real secret beats "a parameter")
        return KEY_NAMES.test(n.name) ? { label: `a private key (${n.name})`, envObject: false, origin: n } : t;
      }
      case 'MemberExpression': {
        const path = memberPath(n, this.bindings);
        if (path === 'process.env') return { label: 'process.env', envObject: true, origin: n };
        const prop = n.computed ? undefined : n.property.type === 'Identifier' ? n.property.name : undefined;
        if (prop !== undefined && KEY_NAMES.test(prop)) return { label: `a private key (${prop})`, envObject: false, origin: n };
        const object = sub(n.object);
        if (!object) return undefined;
        if (object.envObject) {
          // env.HOME is one variable; env[key] with a computed key walks all of them.
          return n.computed && staticString(n.property as AstNode, this.bindings) === undefined ? { ...object, envObject: false } : undefined;
        }
        return object;
      }
      case 'CallExpression': {
        const source = this.sourceCall(n);
        if (source) return source;
        const callee = this.aliases.callee(n, this.bindings);
        const c = unwrap(n.callee as AstNode);
        if (c.type === 'Identifier') {
          // the file's own helpers: collect() returning a secret, b64(x) returning its argument
          const key = `${this.scopeOf(c.name).id}:${c.name}`;
          const returned = this.returns.get(key);
          if (returned) return asData(returned);
          for (const [index, a] of n.arguments.entries()) {
            if (!this.passthrough.has(`${key}#${index}`)) continue;
            const t = sub(a);
            if (t) return asData(t);
          }
        }
        if (c.type === 'MemberExpression') {
          const object = sub(c.object);
          // content.toString(), token.trim(), npmrc.match(/_authToken=(.*)/)
          if (object && !object.envObject) return object;
          if (object?.envObject && ['toString', 'valueOf'].includes(lastName(callee) ?? '')) return asData(object);
        }
        if (callee !== undefined && (PROPAGATORS.has(callee) || TRANSFORM_NAME.test(lastName(callee) ?? ''))) {
          for (const a of n.arguments) {
            const t = sub(a);
            if (t) return asData(t);
          }
        }
        return undefined;
      }
      case 'NewExpression': {
        const callee = this.aliases.callee(n, this.bindings);
        if (callee !== undefined && PROPAGATING_CONSTRUCTORS.has(callee)) for (const a of n.arguments) if (sub(a)) return asData(sub(a));
        return undefined;
      }
      case 'TemplateLiteral':
        for (const e of n.expressions) if (sub(e)) return asData(sub(e));
        return undefined;
      case 'BinaryExpression':
        return n.operator === '+' ? asData(sub(n.left) ?? sub(n.right)) : undefined;
      case 'ObjectExpression':
        for (const p of n.properties) {
          if (p.type === 'SpreadElement') {
            if (sub(p.argument)) return asData(sub(p.argument));
            continue;
          }
          const key = p.computed ? undefined : p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
          if (key !== undefined && AUTH_KEYS.test(key)) continue;
          if (sub(p.value)) return asData(sub(p.value));
        }
        return undefined;
      case 'ArrayExpression':
        for (const e of n.elements) if (e && sub(e.type === 'SpreadElement' ? e.argument : e)) return asData(sub(e.type === 'SpreadElement' ? e.argument : e));
        return undefined;
      case 'AwaitExpression':
        return sub(n.argument);
      case 'ConditionalExpression':
        return sub(n.consequent) ?? sub(n.alternate);
      case 'LogicalExpression':
        return sub(n.left) ?? sub(n.right);
      case 'SequenceExpression':
        return sub(n.expressions[n.expressions.length - 1]);
      case 'AssignmentExpression':
        return sub(n.right);
      default:
        return undefined;
    }
  }
}

const sharedTaints = new WeakMap<object, SecretTaint>();

/**
 * The file's secret tracker, shared by the rules that report its flows (secrets-sent-over-network
 * at the sink, exfiltrated-secret-source at the source): one analysis per file. The first rule to
 * ask gets the visitor that drives it; the others an empty one.
 */
export function sharedSecretTaint(file: { ast: AstProgram | null; file: { path: string } }, aliases: ModuleAliases, bindings: Bindings): { taint: SecretTaint; visitor: Visitor } {
  const existing = file.ast ? sharedTaints.get(file.ast) : undefined;
  if (existing) return { taint: existing, visitor: {} };
  const taint = new SecretTaint(aliases, bindings);
  if (file.ast) sharedTaints.set(file.ast, taint);
  return { taint, visitor: taint.visitor(file) };
}
