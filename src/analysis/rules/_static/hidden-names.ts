import type { AstNode, Visitor } from '../../types.js';
import { HOLE, unwrap } from '../_ast/values.js';
import type { FileModel } from './file-model.js';

import { type Shape, shapeOf } from './strings.js';

/**
 * Names malware spells indirectly so a text search misses them: modules (`'chi'+'ld_pro'+'cess'`),
 * members (`cp['sp'+'awn']`, `process[atob('ZW52')]`) and programs (`'rund'+'ll32'`). Found where
 * they are used: module specifiers, computed member names, and the program of a spawned process.
 */
const MODULES = new Set(['child_process', 'vm', 'net', 'dns', 'http', 'https', 'http2', 'tls', 'dgram', 'fs', 'fs/promises', 'os', 'module', 'worker_threads', 'cluster', 'inspector']);
const MEMBERS = new Set(['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork', 'eval', 'Function', '_compile', 'runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'mainModule', 'binding', 'dlopen', 'env', 'homedir', 'userInfo', 'require', 'child_process', 'readFileSync', 'writeFileSync', 'ethereum']);
const PROGRAMS = /^(?:rundll32|regsvr32|powershell|pwsh|cmd|curl|wget|bash|sh|mshta|certutil|bitsadmin|wscript|cscript|msiexec|schtasks|reg)(?:\.exe)?$/i;

export interface HiddenName {
  node: AstNode;
  /** What the name was used as: 'module', 'member', 'program'. */
  use: 'module' | 'member' | 'program';
  shape: Shape;
}

/**
 * Sensitive names in the file that were spelled indirectly. `source` gives a node's text: a name
 * that appears verbatim in the expression that builds it (`'child_process' + ''`) was not hidden.
 */
export function hiddenNames(model: FileModel, memberProps: { node: AstNode; scope: Parameters<FileModel['resolver']>[0] }[], source: (n: AstNode) => string): HiddenName[] {
  const out: HiddenName[] = [];
  const consider = (node: AstNode, use: HiddenName['use'], shape: Shape | undefined) => {
    if (!shape || shape.value.includes(HOLE)) return;
    if (!shape.decoded && shape.pieces < 2) return;
    const v = shape.value.replace(/^node:/, '');
    if (!v || source(node).includes(v)) return;
    const sensitive = use === 'module' ? MODULES.has(v) : use === 'member' ? MEMBERS.has(v) : PROGRAMS.test(v.replace(/^.*[\\/]/, ''));
    if (sensitive) out.push({ node, use, shape: { ...shape, value: v } });
  };
  for (const call of model.sinkSites()) {
    const sink = model.sink(call);
    const resolve = model.resolver(call.scope);
    if (sink?.kind === 'require' && sink.args[0]) consider(sink.args[0], 'module', shapeOf(sink.args[0], resolve));
    else if (sink?.kind === 'exec' && sink.args[0]) {
      const program = shapeOf(sink.args[0], resolve);
      const first = program && sink.commandLine ? { ...program, value: program.value.trim().split(/\s+/)[0] ?? '' } : program;
      consider(sink.args[0], 'program', first);
    }
  }
  for (const m of memberProps) consider(m.node, 'member', shapeOf(unwrap(m.node), model.resolver(m.scope)));
  return out;
}

/** Property expressions whose shape can be a name (strings.ts): any other `x[expr]` spells nothing. */
const SHAPED = new Set(['TemplateLiteral', 'BinaryExpression', 'Identifier', 'CallExpression', 'NewExpression']);

/** Visitor piece: collects computed member properties (`x[expr]`) with their scope. */
export function collectComputedMembers(model: FileModel, into: { node: AstNode; scope: Parameters<FileModel['resolver']>[0] }[]) {
  return {
    MemberExpression: (node: AstNode) => {
      if (node.type !== 'MemberExpression' || !node.computed) return;
      // A literal is what it says (not hidden); other types than SHAPED have no shape at all.
      if (!SHAPED.has(unwrap(node.property as AstNode).type)) return;
      into.push({ node: node.property as AstNode, scope: model.scopes.current });
    },
  };
}

interface SharedHidden {
  members: { node: AstNode; scope: Parameters<FileModel['resolver']>[0] }[];
  names?: HiddenName[];
}

const shared = new WeakMap<FileModel, SharedHidden>();

/**
 * {@link hiddenNames} of the file, computed once for the rules that report them (split names,
 * encoded names): the first to ask gets the visitor that collects the computed members, the
 * others an empty one, and all read the same list at `Program:exit`.
 */
export function sharedHiddenNames(model: FileModel): { visitor: Visitor; names(source: (n: AstNode) => string): HiddenName[] } {
  let state = shared.get(model);
  const first = !state;
  if (!state) shared.set(model, (state = { members: [] }));
  const s = state;
  return {
    visitor: first ? collectComputedMembers(model, s.members) : {},
    names: (source) => (s.names ??= hiddenNames(model, s.members, source)),
  };
}
