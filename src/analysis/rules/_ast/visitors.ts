import type { AstNode, AstProgram, Visitor } from '../../types.js';
import { Clock } from './history.js';
import { stringArrayDecoders } from './string-array.js';
import { ModuleAliases } from './modules.js';
import { Bindings, HOLE, isNode, memberPath, stringShape, unwrap } from './values.js';

type Handler = (node: AstNode, parent: AstNode | null) => void;

/**
 * One visitor out of several: handlers for the same node type run in the order given. Rules are
 * built from small trackers (bindings, module aliases, network use) plus their own checks, and
 * the trackers must see a node before the check that relies on them.
 */
export function mergeVisitors(...visitors: Visitor[]): Visitor {
  const out: Record<string, Handler[]> = {};
  for (const v of visitors) {
    for (const [key, fn] of Object.entries(v as Record<string, unknown>)) if (typeof fn === 'function') (out[key] ??= []).push(fn as Handler);
  }
  const merged: Record<string, Handler> = {};
  for (const [key, fns] of Object.entries(out)) {
    merged[key] = fns.length === 1 ? fns[0]! : (node, parent) => {
      for (const fn of fns) fn(node, parent);
    };
  }
  return merged as Visitor;
}

/**
 * The trackers most rules need: static string bindings and module aliases, fed by one visitor.
 * Given the file, the bindings also decode javascript-obfuscator string arrays (string-array.ts),
 * and the trackers are shared by every rule on the same file: the first rule to ask gets the
 * visitor that feeds them (its handlers run first on each node, as the engine calls rules in
 * order), the others get the same state and an empty visitor. Without a file (unit tests of a
 * helper), each call gets its own.
 */
export function trackers(file?: { ast: AstProgram | null; file: { text: string } }): { bindings: Bindings; aliases: ModuleAliases; visitor: Visitor } {
  const shared = file?.ast ? sharedTrackers.get(file.ast) : undefined;
  if (shared) return { ...shared, visitor: {} };
  const clock = new Clock();
  const bindings = new Bindings(file ? stringArrayDecoders(file.ast, file.file.text) : undefined, clock);
  const aliases = new ModuleAliases(clock);
  if (file?.ast) sharedTrackers.set(file.ast, { bindings, aliases });
  // The tables change only in the three handlers that step the clock (history.ts counts the same nodes).
  clock.stepped = true;
  return {
    bindings,
    aliases,
    visitor: {
      VariableDeclarator: (node) => {
        clock.step();
        bindings.declare(node);
        aliases.record(node, bindings);
      },
      AssignmentExpression: (node) => {
        clock.step();
        bindings.assign(node);
      },
      ImportDeclaration: (node) => {
        clock.step();
        aliases.record(node, bindings);
      },
      ImportExpression: (node) => aliases.record(node, bindings),
      CallExpression: (node) => {
        // memberPath(callee) === 'require', without building the path of every callee: only an
        // identifier, or a `require('…')` call standing for its module, can spell a dotless name.
        const callee = unwrap((node as AstNode & { type: 'CallExpression' }).callee as AstNode);
        if (callee.type === 'Identifier' ? callee.name === 'require' : callee.type === 'CallExpression' && memberPath(callee) === 'require') aliases.record(node, bindings);
      },
    },
  };
}

const sharedTrackers = new WeakMap<object, { bindings: Bindings; aliases: ModuleAliases }>();

const DECODERS = new Set(['atob', 'String.fromCharCode', 'join', 'toString', 'concat', 'repeat', 'path.join', 'path.resolve']);

/** Needles that let files which decode strings (base64, char codes) reach rules matching the decoded text. */
export const DECODER_NEEDLES = ['atob', 'base64', 'fromCharCode'];

type OnString = (shape: string, node: AstNode, parent: AstNode | null) => void;

/** One rule's callback on a file's string stream; `error` once it threw (it gets no more strings). */
interface StringListener {
  onString: OnString;
  error?: { thrown: unknown };
}

/** The listeners of each file's string stream, by the file's shared {@link Bindings}. */
const streams = new WeakMap<Bindings, StringListener[]>();

/**
 * Calls `onString(shape, node)` once for every maximal string-valued expression in the file: a
 * literal, a template, a `+` concatenation or a decoded `atob('…')`/`Buffer.from('…','base64').toString()`,
 * with {@link HOLE} for the parts that are not static. A literal inside a concatenation is seen
 * as part of the concatenation, not on its own. Regular-expression literals are not strings.
 *
 * A dozen rules listen to the strings of the same file: the first to ask (per shared `bindings`,
 * see {@link trackers}) gets the visitor that computes each shape once and hands it to every
 * listener, in the order they asked; the others get no string handlers at all. Shapes depend only
 * on the bindings, which change at declarations, so every listener sees what it would have seen
 * with its own visitor. A listener that throws is cut off from the stream, and its error is thrown
 * again from its own `Program:exit`, so the engine reports the rule that failed, and only it.
 */
export function stringVisitor(bindings: Bindings, onString: OnString): Visitor {
  const me: StringListener = { onString };
  const rethrow: Visitor = {
    'Program:exit': () => {
      if (me.error) throw me.error.thrown;
    },
  };
  const shared = streams.get(bindings);
  if (shared) {
    shared.push(me);
    return rethrow;
  }
  const listeners: StringListener[] = [me];
  streams.set(bindings, listeners);
  const dispatch = (shape: string, node: AstNode, parent: AstNode | null) => {
    for (let i = 0; i < listeners.length; i++) {
      const l = listeners[i]!;
      if (l.error) continue;
      try {
        l.onString(shape, node, parent);
      } catch (thrown) {
        l.error = { thrown };
      }
    }
  };
  const insideConcat = (parent: AstNode | null) => parent?.type === 'BinaryExpression' && parent.operator === '+';
  const emit = (node: AstNode, parent: AstNode | null) => {
    const s = stringShape(node, bindings);
    if (s !== undefined) dispatch(s, node, parent);
  };
  return {
    ...rethrow,
    Literal: (node, parent) => {
      if (typeof (node as { value?: unknown }).value === 'string' && !insideConcat(parent)) dispatch((node as { value: string }).value, node, parent);
    },
    TemplateLiteral: (node, parent) => {
      if (!insideConcat(parent) && parent?.type !== 'TaggedTemplateExpression') emit(node, parent);
    },
    BinaryExpression: (node, parent) => {
      const n = node as AstNode & { type: 'BinaryExpression' };
      if (n.operator === '+' && !insideConcat(parent) && hasStringPart(n)) emit(node, parent);
    },
    CallExpression: (node, parent) => {
      const callee = unwrap((node as AstNode & { type: 'CallExpression' }).callee as AstNode);
      const name = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : memberPath(callee);
      if (name === undefined || !(DECODERS.has(name) || name.endsWith('.atob') || name === 'fromCharCode')) return;
      const s = stringShape(node, bindings);
      // A decoded call is worth reporting only when it produced something its source text did not show.
      if (s !== undefined && s.replaceAll(HOLE, '') !== '') dispatch(s, node, parent);
    },
  };
}

function hasStringPart(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'string';
  if (n.type === 'TemplateLiteral') return true;
  if (n.type === 'BinaryExpression' && n.operator === '+') return hasStringPart(n.left as AstNode) || hasStringPart(n.right as AstNode);
  return false;
}

/** The regular expression a node is: a regex literal, or `new RegExp('…')` / `RegExp('…')` of a static string. */
export function regexOf(node: AstNode, bindings?: Bindings): { pattern: string; flags: string } | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && 'regex' in n && n.regex) return { pattern: n.regex.pattern, flags: n.regex.flags };
  if ((n.type === 'NewExpression' || n.type === 'CallExpression') && memberPath(n.callee as AstNode) === 'RegExp' && n.arguments[0] && isNode(n.arguments[0])) {
    const s = stringShape(n.arguments[0] as AstNode, bindings);
    const f = n.arguments[1] ? stringShape(n.arguments[1] as AstNode, bindings) : '';
    if (s !== undefined && !s.includes(HOLE)) return { pattern: s, flags: f ?? '' };
  }
  return undefined;
}
