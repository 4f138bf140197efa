import { KEYS as ESTREE_KEYS } from 'eslint-visitor-keys';
import type { AstNode } from './types.js';

/**
 * One pass over an ESTree (or TS-ESTree) tree, depth first, calling `enter` before a node's
 * children and `exit` after them, each with the node's parent (null for the root); past a nesting
 * depth with an explicit stack (an adversarial `a + a + … + a` parses flat into a 100,000-deep tree).
 * Children are visited in (ESTree) source order by ESLint's visitor keys (ESTree + JSX; neither meriyah nor
 * Babel exports ESTree keys), extended with the properties that hold decorators and TypeScript
 * annotations on ordinary nodes. Node types without keys (TypeScript's `TS*` nodes) fall back to
 * every property holding a node: nothing the parser produced is skipped, and `loc`, `regex` or
 * `extra` objects, which have no `type`, are never mistaken for nodes.
 */
export interface WalkHandlers {
  /** Return `false` to skip the node's children (its `exit` is still called). */
  enter?(node: AstNode, parent: AstNode | null): boolean | void;
  exit?(node: AstNode, parent: AstNode | null): void;
  /**
   * The node types `exit` is called for; default every type. Most listeners want the exit of a
   * few types (functions, Program): the rest of the tree then needs no second visit.
   */
  exitTypes?: ReadonlySet<string>;
}

type Keys = Readonly<Record<string, readonly string[]>>;

/** Decorators come before the rest of a node in the source; TS annotations are visited after its ESTree children. */
const BEFORE = ['decorators'];
const AFTER = ['typeParameters', 'typeAnnotation', 'returnType', 'typeArguments', 'superTypeParameters', 'superTypeArguments', 'implements'];
/** What JavaScript can decorate (stage 3 decorators, which meriyah parses): classes and their members. */
const DECORATED = new Set(['ClassDeclaration', 'ClassExpression', 'MethodDefinition', 'PropertyDefinition', 'AccessorProperty']);

const ESTREE: Keys = { ...(ESTREE_KEYS as Keys), AccessorProperty: ['key', 'value'] };

/**
 * Keys for TypeScript trees (Babel): every node type may carry annotations. Looking up a property
 * a node does not have is the costliest load there is, so JavaScript trees get their own table.
 */
export const TS_KEYS: Keys = Object.fromEntries(Object.entries(ESTREE).map(([type, keys]) => [type, [...new Set([...BEFORE, ...keys, ...AFTER])]]));

/** Keys for JavaScript trees (meriyah): ESTree's, plus decorators where JavaScript has them. */
export const JS_KEYS: Keys = Object.fromEntries(Object.entries(ESTREE).map(([type, keys]) => [type, DECORATED.has(type) ? [...BEFORE, ...keys] : keys]));

/** Marks a stack slot as "exit this node" rather than "enter it". */
const EXIT = 1;
const ENTER = 0;
/**
 * Nesting the recursive walk follows before it hands a subtree to the explicit stack: well inside
 * the call stack of the main thread and of a worker, with the rules' handlers on top. Real code
 * rarely nests past a few hundred; a hostile file does, and is walked all the same.
 */
const MAX_RECURSION = 1_000;

export function walk(root: AstNode, handlers: WalkHandlers, keys: Keys = TS_KEYS): void {
  const { enter, exit, exitTypes } = handlers;
  // JavaScript trees (meriyah) visit the commonest node types by their known children: a switch
  // with plain property reads instead of a key lookup and a keyed read per child (TS nodes may
  // carry annotations there, so TS trees always go by their keys).
  const common = keys === JS_KEYS;
  // Recursion is about twice as fast as the explicit stack (measured on a real node_modules: the
  // engine walks every node of every parsed file), so it does the walking up to MAX_RECURSION.
  const visit = (node: AstNode, parent: AstNode | null, depth: number): void => {
    if (depth > MAX_RECURSION) return walkOnStack(node, parent, handlers, keys);
    if (enter === undefined || enter(node, parent) !== false) {
      const next = depth + 1;
      const n = node as unknown as Record<string, AstNode & AstNode[]>;
      switch (common ? node.type : '') {
        case 'Identifier':
        case 'Literal':
        case 'ThisExpression':
          break;
        case 'MemberExpression':
          visit(n['object']!, node, next);
          visit(n['property']!, node, next);
          break;
        case 'CallExpression':
        case 'NewExpression': {
          visit(n['callee']!, node, next);
          const args = n['arguments']!;
          for (let i = 0; i < args.length; i++) visit(args[i]!, node, next);
          break;
        }
        case 'ExpressionStatement':
          visit(n['expression']!, node, next);
          break;
        case 'BlockStatement': {
          const body = n['body']!;
          for (let i = 0; i < body.length; i++) visit(body[i]!, node, next);
          break;
        }
        case 'AssignmentExpression':
        case 'BinaryExpression':
        case 'LogicalExpression':
          visit(n['left']!, node, next);
          visit(n['right']!, node, next);
          break;
        default: {
          const names = keys[node.type];
          if (names === undefined) {
            const children: AstNode[] = [];
            childrenOf(node, keys, children);
            for (const child of children) visit(child, node, next);
            break;
          }
          const record = node as unknown as Record<string, unknown>;
          for (let k = 0; k < names.length; k++) {
            const value = record[names[k]!];
            if (value === null || typeof value !== 'object') continue;
            if (Array.isArray(value)) {
              for (let i = 0; i < value.length; i++) {
                const item: unknown = value[i];
                if (isNode(item)) visit(item, node, next);
              }
            } else if (isNode(value)) visit(value, node, next);
          }
        }
      }
    }
    if (exit !== undefined && (exitTypes === undefined || exitTypes.has(node.type))) exit(node, parent);
  };
  visit(root, null, 0);
}

/** The same walk of the subtree at `root` with an explicit stack, for nesting deeper than the call stack. */
function walkOnStack(root: AstNode, rootParent: AstNode | null, handlers: WalkHandlers, keys: Keys): void {
  const { enter, exit, exitTypes } = handlers;
  // Three parallel stacks beat one stack of frame objects: no allocation per node.
  const nodes: AstNode[] = [root];
  const parents: (AstNode | null)[] = [rootParent];
  const phases: number[] = [ENTER];
  const children: AstNode[] = [];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    const phase = phases.pop()!;
    if (phase === EXIT) {
      exit!(node, parent);
      continue;
    }
    const descend = enter?.(node, parent) !== false;
    if (exit !== undefined && (exitTypes === undefined || exitTypes.has(node.type))) {
      nodes.push(node);
      parents.push(parent);
      phases.push(EXIT);
    }
    if (!descend) continue;
    childrenOf(node, keys, children);
    // Pushed last-first so they pop in source order.
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      parents.push(node);
      phases.push(ENTER);
    }
    children.length = 0;
  }
}

/** The node's child nodes in key order, into `out`. Unknown node types: every property that holds nodes. */
function childrenOf(node: AstNode, keys: Keys, out: AstNode[]): void {
  const record = node as unknown as Record<string, unknown>;
  const names = keys[node.type] ?? Object.keys(record);
  for (const name of names) {
    const value = record[name];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
}

function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}
