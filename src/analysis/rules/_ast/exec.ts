import type { AstNode } from '../../types.js';
import type { ModuleAliases } from './modules.js';
import { type Bindings, HOLE, lastName, stringShape, unwrap } from './values.js';

/** child_process functions (and the execa/cross-spawn wrappers) that run a command. */
const SHELL_CALLS = new Set(['exec', 'execSync']);
const FILE_CALLS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);
const WRAPPERS = new Set(['execa', 'execa.sync', 'execaSync', 'execa.command', 'execaCommand', 'execaCommandSync', 'cross-spawn', 'cross-spawn.sync']);

/**
 * The command line a call runs, when it is a child_process call (`exec('npm publish')`,
 * `spawn('npm', ['publish'])`, `execSync(`gh auth token`)`), as a string with {@link HOLE} for
 * parts that are not static; undefined for any other call. Bundles hide the module behind
 * `__webpack_require__(81)`, so an unresolved `x.execSync(…)`/`x.spawn(…)` counts too: callers match
 * specific command lines (`npm publish`, `gh auth token`), which a regex's `.exec(s)` never spells.
 */
export function commandLine(node: AstNode, aliases: ModuleAliases, bindings?: Bindings): string | undefined {
  // Several rules ask in turn about the call the walk is on; memoized per call node (and file).
  const memo = aliases.commandLines;
  if (memo.lastNode === node) return memo.lastLine;
  let line: string | undefined;
  // Most calls run nothing, and their callee (memoized by the aliases) says so: no memo entry for them.
  const n = unwrap(node);
  if (n.type === 'CallExpression' && mayRun(aliases.callee(n, bindings))) {
    const cached = memo.lines.get(node);
    if (cached !== undefined) line = cached ?? undefined;
    else {
      line = resolveCommandLine(node, aliases, bindings);
      memo.lines.set(node, line ?? null);
    }
  }
  memo.lastNode = node;
  memo.lastLine = line;
  return line;
}

/** The test resolveCommandLine starts with: a child_process function (or a wrapper) by its name. */
function mayRun(callee: string | undefined): boolean {
  if (callee === undefined) return false;
  if (WRAPPERS.has(callee) || callee.startsWith('execa.')) return true;
  const fn = lastName(callee)!;
  return (SHELL_CALLS.has(fn) || FILE_CALLS.has(fn)) && callee.includes('.');
}

function resolveCommandLine(node: AstNode, aliases: ModuleAliases, bindings?: Bindings): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression') return undefined;
  const callee = aliases.callee(n, bindings);
  if (callee === undefined) return undefined;
  const fn = lastName(callee)!;
  const wrapper = WRAPPERS.has(callee) || callee.startsWith('execa.');
  if (!wrapper && !SHELL_CALLS.has(fn) && !FILE_CALLS.has(fn)) return undefined;
  // An unbound bare `exec(…)`/`spawn(…)` is some local helper; `x.exec` may be child_process behind a bundler.
  if (!wrapper && !callee.includes('.')) return undefined;
  const args = n.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : (a as AstNode)));
  const first = args[0] ? stringShape(args[0], bindings) ?? HOLE : HOLE;
  if (SHELL_CALLS.has(fn)) return first;
  if (FILE_CALLS.has(fn) || wrapper) {
    const list = args[1] ? unwrap(args[1]) : undefined;
    if (list?.type !== 'ArrayExpression') return first;
    const rest = list.elements.map((e) => (e && e.type !== 'SpreadElement' ? stringShape(e as AstNode, bindings) ?? HOLE : HOLE));
    return [first, ...rest].join(' ');
  }
  return undefined;
}
