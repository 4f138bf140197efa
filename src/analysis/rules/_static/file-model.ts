import type { AstNode, FileContext, Visitor } from '../../types.js';
import { type Scope, ScopeTracker } from './flow.js';
import { type ModuleRef, ModuleBindings } from './modules.js';
import { type Sink, sinkOf } from './sinks.js';
import { type Resolver, scopeResolver } from './strings.js';
import { mergeVisitors } from './visitors.js';

export interface CallSite {
  node: AstNode;
  /** The function scope the call sits in. */
  scope: Scope;
  /** Memos for {@link FileModel.sink} and {@link FileModel.calleeRef} (null: computed, none). */
  sink?: Sink | null;
  ref?: ModuleRef | null;
}

/**
 * What most of these rules need to know about a file, gathered during the engine's one walk:
 * module bindings, function scopes with their bindings, and every call (`f()`, `new F()`,
 * `import()`) with its scope. Rules decide at `Program:exit`, when the bindings are complete.
 */
export class FileModel {
  readonly mods = new ModuleBindings();
  readonly scopes = new ScopeTracker();
  readonly calls: CallSite[] = [];
  /** Whether the visitor that fills the model was handed out already (to the first rule that asked). */
  private filling = false;

  /**
   * The rule's own handlers, plus, for the first rule that asks, the handlers that fill the model.
   * Rules read the model at `Program:exit`, when the walk is over and the model is complete.
   */
  visitor(...extra: Visitor[]): Visitor {
    if (this.filling) return mergeVisitors(...extra);
    this.filling = true;
    const record = (node: AstNode) => {
      // The memo fields exist from the start: one object shape for every call site.
      this.calls.push({ node, scope: this.scopes.current, sink: undefined, ref: undefined });
    };
    return mergeVisitors(
      this.scopes.visitor(),
      {
        VariableDeclarator: (node) => this.mods.declare(node),
        AssignmentExpression: (node) => this.mods.assign(node),
        ImportDeclaration: (node) => this.mods.importDeclaration(node),
        CallExpression: record,
        NewExpression: record,
        ImportExpression: record,
      },
      ...extra,
    );
  }

  private readonly sinks = new Map<AstNode, Sink | null>();
  private readonly refs = new Map<AstNode, ModuleRef | null>();

  /** `sinkOf` for a call, computed once per file (a dozen rules ask about the same calls). */
  sink(at: CallSite | AstNode): Sink | undefined {
    if ('scope' in at) {
      if (at.sink === undefined) at.sink = sinkOf(at.node, this.mods) ?? null;
      return at.sink ?? undefined;
    }
    let s = this.sinks.get(at);
    if (s === undefined) this.sinks.set(at, (s = sinkOf(at, this.mods) ?? null));
    return s ?? undefined;
  }

  /** `mods.calleeRef` for a call, computed once per file. */
  calleeRef(at: CallSite | AstNode): ModuleRef | undefined {
    if ('scope' in at) {
      if (at.ref === undefined) at.ref = this.mods.calleeRef(at.node) ?? null;
      return at.ref ?? undefined;
    }
    let r = this.refs.get(at);
    if (r === undefined) this.refs.set(at, (r = this.mods.calleeRef(at) ?? null));
    return r ?? undefined;
  }

  private sinkSiteList: CallSite[] | undefined;

  /**
   * The calls that are sinks (sinks.ts), in walk order: what most rules loop over at
   * `Program:exit`, listed once per file instead of every rule testing every call. Call it after
   * the walk.
   */
  sinkSites(): readonly CallSite[] {
    return (this.sinkSiteList ??= this.calls.filter((c) => this.sink(c) !== undefined));
  }

  resolver(scope: Scope): Resolver {
    return scopeResolver(this.scopes, scope);
  }
}

const shared = new WeakMap<object, FileModel>();

/**
 * The model of the file being analysed, shared by every rule that asks during one analysis
 * (keyed by the parsed program): bindings and scopes are built once per file, not once per rule.
 */
export function fileModel(ctx: FileContext): FileModel {
  if (!ctx.ast) return new FileModel();
  let model = shared.get(ctx.ast);
  if (!model) shared.set(ctx.ast, (model = new FileModel()));
  return model;
}
