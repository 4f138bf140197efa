import type { AstNode, Visitor } from '../../types.js';
import { isNode, propertyName, unwrap } from '../_ast/values.js';

/**
 * A small data-flow model, enough to follow a value from where it is made (a base64 decode, a
 * network response) through local variables and callbacks to where it is used (`eval`, `exec`).
 * Scopes are functions (blocks are folded into their function, like `var`), names are resolved
 * up the scope chain, and taint is computed lazily from each sink backwards, so a file with no
 * sink costs only the bookkeeping of its bindings.
 */
export class Scope {
  /** Made on the first binding: many functions (`() => x`) bind nothing. */
  private names: Map<string, Binding[]> | undefined;
  constructor(
    readonly parent: Scope | null,
    readonly fn: AstNode | null,
  ) {}

  get bindings(): ReadonlyMap<string, Binding[]> {
    return this.names ?? NO_BINDINGS;
  }

  add(b: Binding): void {
    const names = (this.names ??= new Map());
    const list = names.get(b.name);
    if (list) list.push(b);
    else names.set(b.name, [b]);
  }
}

const NO_BINDINGS: ReadonlyMap<string, Binding[]> = new Map();

export interface Binding {
  scope: Scope;
  name: string;
  /** What the name is set to (a declaration's init, an assignment's right side, a function). */
  value?: AstNode;
  /** Where `value` is evaluated, when not in `scope` (an assignment inside a nested function). */
  valueScope?: Scope;
  /** For a parameter: its function, the call the function is an argument of (if any), its index. */
  param?: { fn: AstNode; call: AstNode | null; index: number };
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function isFunction(n: AstNode): boolean {
  return FUNCTIONS.has(n.type);
}

export class ScopeTracker {
  readonly root = new Scope(null, null);
  current: Scope = this.root;
  /** Function scopes in the order the walk opened them, which is the order of their functions' starts. */
  private readonly scopes: Scope[] = [];
  private readonly pendingAssignments: { from: Scope; name: string; value: AstNode }[] = [];
  private resolvedAssignments = false;

  /** Visitor handlers to merge into a rule's visitor. */
  visitor(): Visitor {
    const enterFn = (node: AstNode, parent: AstNode | null) => this.enterFunction(node, parent);
    const exitFn = () => {
      this.current = this.current.parent ?? this.root;
    };
    return {
      FunctionDeclaration: enterFn,
      FunctionExpression: enterFn,
      ArrowFunctionExpression: enterFn,
      'FunctionDeclaration:exit': exitFn,
      'FunctionExpression:exit': exitFn,
      'ArrowFunctionExpression:exit': exitFn,
      VariableDeclarator: (node) => {
        if (node.type !== 'VariableDeclarator') return;
        const scope = this.current;
        const value = node.init as AstNode | null | undefined;
        // Most declarators bind one plain name: no list of names, no object spread, for those.
        if (node.id.type === 'Identifier') scope.add(value ? { scope, name: node.id.name, value } : { scope, name: node.id.name });
        else for (const name of patternNames(node.id as AstNode)) scope.add(value ? { scope, name, value } : { scope, name });
      },
      ForOfStatement: (node) => this.loopBinding(node),
      ForInStatement: (node) => this.loopBinding(node),
      AssignmentExpression: (node) => {
        if (node.type !== 'AssignmentExpression') return;
        const left = unwrap(node.left as AstNode);
        if (left.type === 'Identifier') this.pendingAssignments.push({ from: this.current, name: left.name, value: node.right as AstNode });
      },
    };
  }

  /** The scope a function node opened (for a sink found inside it). */
  scopeOf(fn: AstNode): Scope | undefined {
    // Binary search by start offset (no two functions start at the same offset); a tree walked out
    // of source order somewhere (TS annotations are walked last) falls back to a scan.
    const scopes = this.scopes;
    let lo = 0;
    let hi = scopes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = scopes[mid]!.fn!.start;
      if (start < fn.start) lo = mid + 1;
      else if (start > fn.start) hi = mid - 1;
      else if (scopes[mid]!.fn === fn) return scopes[mid];
      else break;
    }
    return scopes.find((s) => s.fn === fn);
  }

  /** Every binding of `name` visible from `scope`: the innermost scope that declares it wins. */
  resolve(scope: Scope, name: string): readonly Binding[] {
    this.resolveAssignments();
    for (let s: Scope | null = scope; s; s = s.parent) {
      const list = s.bindings.get(name);
      if (list) return list;
    }
    return [];
  }

  private resolveAssignments(): void {
    if (this.resolvedAssignments) return;
    this.resolvedAssignments = true;
    for (const a of this.pendingAssignments) {
      let target: Scope = this.root;
      for (let s: Scope | null = a.from; s; s = s.parent) {
        if (s.bindings.has(a.name)) {
          target = s;
          break;
        }
      }
      target.add({ scope: target, name: a.name, value: a.value, valueScope: a.from });
    }
  }

  private enterFunction(node: AstNode, parent: AstNode | null): void {
    const fn = node as AstNode & { id?: AstNode | null; params: AstNode[] };
    if (node.type === 'FunctionDeclaration' && fn.id && fn.id.type === 'Identifier') this.current.add({ scope: this.current, name: fn.id.name, value: node });
    const scope = new Scope(this.current, node);
    this.scopes.push(scope);
    this.current = scope;
    if (node.type === 'FunctionExpression' && fn.id && fn.id.type === 'Identifier') scope.add({ scope, name: fn.id.name, value: node });
    const call = parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.arguments.includes(node as never) ? parent : null;
    const params = fn.params;
    for (let index = 0; index < params.length; index++) {
      const p = params[index]!;
      if (p.type === 'Identifier') scope.add({ scope, name: p.name, param: { fn: node, call, index } });
      else for (const name of patternNames(p)) scope.add({ scope, name, param: { fn: node, call, index } });
    }
  }

  private loopBinding(node: AstNode): void {
    if (node.type !== 'ForOfStatement' && node.type !== 'ForInStatement') return;
    const left = node.left as AstNode;
    const ids = left.type === 'VariableDeclaration' ? left.declarations.flatMap((d) => patternNames(d.id as AstNode)) : patternNames(left);
    // for (const x of list): x stands for an element of list.
    for (const name of ids) this.current.add({ scope: this.current, name, value: node.right as AstNode });
  }
}

/** Identifiers a binding pattern declares. */
export function patternNames(p: AstNode): string[] {
  switch (p.type) {
    case 'Identifier':
      return [p.name];
    case 'ObjectPattern':
      return p.properties.flatMap((q) => patternNames((q.type === 'RestElement' ? q.argument : q.value) as AstNode));
    case 'ArrayPattern':
      return p.elements.flatMap((e) => (e ? patternNames(e as AstNode) : []));
    case 'AssignmentPattern':
      return patternNames(p.left as AstNode);
    case 'RestElement':
      return patternNames(p.argument as AstNode);
    default: {
      // TS parameter properties (`constructor(private x)`) wrap the identifier.
      const inner = (p as { parameter?: unknown }).parameter;
      return isNode(inner) ? patternNames(inner) : [];
    }
  }
}

/** Whether an Identifier node (seen under `parent`) reads a variable rather than naming a property. */
export function isReference(n: AstNode, parent: AstNode | null): boolean {
  if (n.type !== 'Identifier' || !parent) return n.type === 'Identifier';
  if (parent.type === 'MemberExpression') return parent.computed || parent.property !== n;
  if (parent.type === 'Property') return parent.shorthand || parent.value === n || (parent.computed && parent.key === n);
  if (parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') return parent.computed && parent.key === n;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
}

/** Array and promise methods whose callback receives (an element of) the value they are called on. */
const PASS_THROUGH = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'some', 'every', 'reduce', 'then', 'on', 'once', 'addListener', 'pipe']);

export interface TaintQuery {
  /** A node that makes tainted data by itself (a decode call, a network call). */
  isSource(n: AstNode): boolean;
  /** How deep to follow bindings. */
  maxDepth?: number;
}

/**
 * Finds, from a sink's argument, the source node whose value reaches it (or undefined). Walks the
 * expression; identifiers are followed to their bindings (declarations, assignments, loop
 * variables, callback parameters), calls of local functions to what those functions return.
 */
export class Taint {
  private readonly memo = new Map<Binding | AstNode, AstNode | null | 'pending'>();
  private readonly maxDepth: number;

  constructor(
    private readonly scopes: ScopeTracker,
    private readonly query: TaintQuery,
  ) {
    this.maxDepth = query.maxDepth ?? 12;
  }

  sourceOf(expr: AstNode, scope: Scope, depth = 0): AstNode | undefined {
    if (depth > this.maxDepth) return undefined;
    let found: AstNode | undefined;
    const stack: { n: AstNode; parent: AstNode | null; nested: boolean }[] = [{ n: expr, parent: null, nested: false }];
    let budget = 4000;
    while (stack.length && !found && budget-- > 0) {
      const { n, parent, nested } = stack.pop()!;
      if (this.query.isSource(n)) {
        found = n;
        break;
      }
      if (!nested && n.type === 'Identifier' && isReference(n, parent)) {
        for (const b of this.scopes.resolve(scope, n.name)) {
          const s = this.bindingSource(b, depth + 1);
          if (s) {
            found = s;
            break;
          }
        }
        continue;
      }
      if (!nested && n.type === 'CallExpression') {
        const callee = unwrap(n.callee as AstNode);
        if (callee.type === 'Identifier') {
          const fns = this.scopes.resolve(scope, callee.name).filter((b) => b.value && isFunction(unwrap(b.value)));
          if (fns.length) {
            // A local function: what it returns, not what it is given (its arguments may be anything).
            for (const b of fns) {
              found = this.returnSource(unwrap(b.value!), depth + 1);
              if (found) break;
            }
            continue;
          }
        }
      }
      const inner = nested || isFunction(n);
      const call = n.type === 'CallExpression' || n.type === 'NewExpression';
      for (const c of childNodes(n)) {
        // Functions are followed only as callbacks (`.map(c => String.fromCharCode(c))`): a method
        // in an object literal is not part of the object's value.
        if (isFunction(c) && !call) continue;
        stack.push({ n: c, parent: n, nested: inner });
      }
    }
    return found;
  }

  private bindingSource(b: Binding, depth: number): AstNode | undefined {
    const memo = this.memo.get(b);
    if (memo === 'pending') return undefined;
    if (memo !== undefined) return memo ?? undefined;
    this.memo.set(b, 'pending');
    let result: AstNode | undefined;
    if (b.value && !isFunction(unwrap(b.value))) result = this.sourceOf(b.value, b.valueScope ?? b.scope, depth);
    else if (b.param?.call) result = this.paramSource(b.param.call, b.scope.parent ?? b.scope, depth);
    this.memo.set(b, result ?? null);
    return result;
  }

  /** A callback parameter is tainted when the callback is given to a source, or to a method of a tainted value. */
  private paramSource(call: AstNode, scope: Scope, depth: number): AstNode | undefined {
    if (this.query.isSource(call)) return call;
    if (call.type !== 'CallExpression') return undefined;
    const callee = unwrap(call.callee as AstNode);
    if (callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(callee);
    if (method === undefined || !PASS_THROUGH.has(method)) return undefined;
    return this.sourceOf(callee.object as AstNode, scope, depth);
  }

  private returnSource(fn: AstNode, depth: number): AstNode | undefined {
    const memo = this.memo.get(fn);
    if (memo === 'pending') return undefined;
    if (memo !== undefined) return memo ?? undefined;
    this.memo.set(fn, 'pending');
    const scope = this.scopes.scopeOf(fn);
    let result: AstNode | undefined;
    if (scope) {
      const body = (fn as { body?: unknown }).body;
      if (isNode(body) && body.type !== 'BlockStatement') result = this.sourceOf(body, scope, depth);
      else if (isNode(body)) {
        for (const ret of returns(body)) {
          result = this.sourceOf(ret, scope, depth);
          if (result) break;
        }
      }
    }
    this.memo.set(fn, result ?? null);
    return result;
  }
}

/** The argument of every `return` in a function body, not counting nested functions. */
function returns(body: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const stack = [body];
  let budget = 4000;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    if (n.type === 'ReturnStatement') {
      if (n.argument) out.push(n.argument as AstNode);
      continue;
    }
    if (isFunction(n)) continue;
    stack.push(...childNodes(n));
  }
  return out;
}

export function childNodes(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key in node) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'type') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}
