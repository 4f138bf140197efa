import type { AstNode } from '../../types.js';
import { memberPath, propertyName, unwrap } from '../_ast/values.js';
import { execApi, type ModuleBindings, takesCommandLine } from './modules.js';

/**
 * Places where a string becomes code or a process: `eval`, `Function`, the `vm` module,
 * `module._compile`, `child_process`, string timers, and `require`/`import()`.
 */
export type SinkKind = 'eval' | 'function' | 'vm' | 'compile' | 'exec' | 'timer' | 'require';

export interface Sink {
  kind: SinkKind;
  /** For messages: `eval()`, `child_process.execSync()`. */
  label: string;
  /** The arguments that carry code or a command. */
  args: AstNode[];
  /** For exec: whether args[0] is a whole command line (`exec`) rather than a file (`spawn`). */
  commandLine?: boolean;
}

const GLOBAL = /^(?:window|global|globalThis|self)\.(eval|Function|setTimeout|setInterval|setImmediate)$/;
const VM = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script', 'SourceTextModule']);
const SINK_GLOBALS = new Set(['eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate']);
const GLOBAL_OBJECTS = new Set(['window', 'global', 'globalThis', 'self']);

/**
 * Which of eval, Function and the timers a callee is, directly or on the global object
 * (`window.eval`): `memberPath` matched against {@link GLOBAL}, without building the path of every
 * callee of the file (only `x.y` with `x` a global object, or a `require('…')` standing for its
 * module, can spell one of them).
 */
function sinkGlobal(callee: AstNode): string | undefined {
  if (callee.type === 'Identifier') return SINK_GLOBALS.has(callee.name) ? callee.name : undefined;
  if (callee.type === 'MemberExpression') {
    const object = unwrap(callee.object as AstNode);
    if (object.type === 'Identifier' ? !GLOBAL_OBJECTS.has(object.name) : object.type !== 'CallExpression') return undefined;
    const prop = propertyName(callee);
    if (prop === undefined || !SINK_GLOBALS.has(prop)) return undefined;
    if (object.type === 'CallExpression') {
      const base = memberPath(object);
      if (base === undefined || !GLOBAL_OBJECTS.has(base)) return undefined;
    }
    return prop;
  }
  if (callee.type !== 'CallExpression') return undefined;
  const path = memberPath(callee);
  const global = path ? (GLOBAL.exec(path)?.[1] ?? path) : undefined;
  return global !== undefined && SINK_GLOBALS.has(global) ? global : undefined;
}

/** The arguments that are not spread (`f(...xs)`), in order. */
function plainArgs(n: AstNode & { type: 'CallExpression' | 'NewExpression' }): AstNode[] {
  return n.arguments.filter((a) => a.type !== 'SpreadElement') as AstNode[];
}

/** The first argument that is not spread: `plainArgs(n)[0]` without the array. */
function firstPlainArg(n: AstNode & { type: 'CallExpression' | 'NewExpression' }): AstNode | undefined {
  const args = n.arguments;
  for (let i = 0; i < args.length; i++) if (args[i]!.type !== 'SpreadElement') return args[i] as AstNode;
  return undefined;
}

export function sinkOf(node: AstNode, mods: ModuleBindings): Sink | undefined {
  const n = unwrap(node);
  if (n.type === 'ImportExpression') return { kind: 'require', label: 'import()', args: [n.source as AstNode] };
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
  const first = firstPlainArg(n);
  let callee = unwrap(n.callee as AstNode);
  if (callee.type === 'SequenceExpression') callee = unwrap(callee.expressions[callee.expressions.length - 1] as AstNode);
  const global = sinkGlobal(callee);
  if (global === 'eval' && first) return { kind: 'eval', label: 'eval()', args: [first] };
  if (global === 'Function') return { kind: 'function', label: n.type === 'NewExpression' ? 'new Function()' : 'Function()', args: plainArgs(n) };
  if ((global === 'setTimeout' || global === 'setInterval' || global === 'setImmediate') && first && !/Function/.test(unwrap(first).type)) return { kind: 'timer', label: `${global}() with a string`, args: [first] };
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'constructor' && unwrap(callee.object as AstNode).type === 'MemberExpression' && propertyName(unwrap(callee.object as AstNode) as AstNode & { type: 'MemberExpression' }) === 'constructor')
    return { kind: 'function', label: 'x.constructor.constructor() (Function)', args: plainArgs(n) };
  if (n.type === 'CallExpression' && first && mods.isRequire(callee)) return { kind: 'require', label: 'require()', args: [first] };
  if (first && callee.type === 'MemberExpression' && propertyName(callee) === '_compile') return { kind: 'compile', label: 'module._compile()', args: [first] };
  if (!first) return undefined;
  const ref = mods.calleeRef(n);
  if (ref?.module === 'vm' && ref.path.length === 1 && VM.has(ref.path[0]!)) return { kind: 'vm', label: `vm.${ref.path[0]}()`, args: [first] };
  const exec = execApi(ref);
  if (exec) {
    const args = plainArgs(n);
    const commandLine = takesCommandLine(exec);
    const list = [first];
    const argv = args[1] ? unwrap(args[1]) : undefined;
    if (!commandLine && argv?.type === 'ArrayExpression') list.push(...(argv.elements.filter((e) => e && e.type !== 'SpreadElement') as AstNode[]));
    return { kind: 'exec', label: `${ref!.module === 'child_process' ? 'child_process.' : `${ref!.module} `}${exec}()`, args: list, commandLine };
  }
  return undefined;
}

/** A timer argument that is certainly a string (a function variable is the usual, harmless case). */
export function isStringy(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type === 'Literal') return typeof n.value === 'string';
  if (n.type === 'TemplateLiteral') return true;
  return n.type === 'BinaryExpression' && n.operator === '+' && (isStringy(n.left as AstNode) || isStringy(n.right as AstNode));
}

/** The argument nodes of a sink flattened into one command line shape, for spawn('sh', ['-c', …]). */
export function isStaticCode(node: AstNode): boolean {
  const n = unwrap(node);
  return (n.type === 'Literal' && typeof n.value === 'string') || (n.type === 'TemplateLiteral' && n.expressions.length === 0);
}

const DECODING_ENCODINGS = new Set(['base64', 'base64url', 'hex']);

/**
 * Whether a node decodes data (and how): `atob`, `Buffer.from(x, 'base64'|'hex')`,
 * `String.fromCharCode` over many or computed codes, a string reversal, a decipher, an unescape
 * of a percent-encoded literal.
 */
export function decodeKind(node: AstNode): string | undefined {
  const n = node;
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
  const callee = unwrap(n.callee as AstNode);
  const path = memberPath(callee);
  const args = n.arguments;
  if (path && /^(?:window\.|globalThis\.|self\.)?atob$/.test(path)) return 'base64';
  if (path === 'Buffer.from' || path === 'Buffer') {
    const enc = args[1] ? unwrap(args[1] as AstNode) : undefined;
    if (enc?.type === 'Literal' && typeof enc.value === 'string' && DECODING_ENCODINGS.has(enc.value.toLowerCase())) return enc.value.toLowerCase() === 'hex' ? 'hex' : 'base64';
    return undefined;
  }
  if (path === 'String.fromCharCode' || path === 'String.fromCodePoint') {
    if (args.length >= 3 || args.some((a) => a.type === 'SpreadElement' || unwrap(a as AstNode).type !== 'Literal')) return 'char codes';
    return undefined;
  }
  if (path === 'String.fromCharCode.apply' || path === 'String.fromCharCode.call' || path === 'String.fromCodePoint.apply') return 'char codes';
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee);
    if (method === 'createDecipher' || method === 'createDecipheriv') return 'a cipher';
    if (method === 'reverse' && n.arguments.length === 0) {
      const obj = unwrap(callee.object as AstNode);
      if (obj.type === 'CallExpression' && obj.callee.type === 'MemberExpression' && propertyName(obj.callee) === 'split') return 'reversed';
    }
  }
  if ((path === 'unescape' || path === 'decodeURIComponent' || path === 'decodeURI') && args[0]) {
    const a = unwrap(args[0] as AstNode);
    if (a.type === 'Literal' && typeof a.value === 'string' && (a.value.match(/%[0-9a-fA-F]{2}/g)?.length ?? 0) >= 8) return 'percent-encoding';
  }
  return undefined;
}
