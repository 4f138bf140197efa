import type { AstNode, Rule } from '../../types.js';
import { HOLE, memberPath, propertyName, unwrap } from '../_ast/values.js';
import { fileModel, type FileModel } from '../_static/file-model.js';
import type { Scope } from '../_static/flow.js';
import { installPlan } from '../_static/install-plan.js';
import { kinds, reportInstallShellHits } from '../_static/install-report.js';
import { fsApi } from '../_static/modules.js';
import { classifyShell } from '../_static/shell.js';

import { shapeOf, shown } from '../_static/strings.js';
import { preview } from '../_static/visitors.js';

type Root = 'the home directory' | 'the file system root' | 'the project directory' | 'the working directory';

/** Deleting APIs: `fs` (with `recursive`), fs-extra, rimraf, del. */
const FS_DELETE = new Set(['rm', 'rmSync', 'rmdir', 'rmdirSync']);
const FS_EXTRA_DELETE = new Set(['remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'emptydir', 'emptydirSync']);
const DELETE_MODULES = new Set(['rimraf', 'del', 'trash', 'fs-extra', 'premove']);
const SCRIPT_WRITES = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'outputFile', 'outputFileSync']);
/** Path components that keep a path at (or above) the root it starts from. */
const STAYS = /^(?:|\.|\/|\*|\*\*|\*\*\/\*|\.\.|\.\.\/\.\.)$/;

/**
 * Deleting a user's home directory, the file system root or the project directory: `rm -rf ~` in an
 * install script, `fs.rmSync(os.homedir(), { recursive: true })`, `rimraf(process.env.HOME)`,
 * `exec('rm -rf $HOME')`, deleting every entry read from the home directory, or writing a script that
 * does (TanStack 2026 left a dead-man's switch running `rm -rf ~/` when its token was revoked). Shai-Hulud 2.0
 * fell back to wiping the home directory when it could not spread. Only the roots themselves count,
 * never a path below them (`~/.cache/tool` is a cleanup, `~` is an attack).
 */
export const rule: Rule = {
  meta: {
    id: 'destructive-wipe-home',
    severity: 'critical',
    category: 'destructive',
    confidence: 'high',
    description: 'Deletes the home directory, the file system root or the project directory (rm -rf ~, fs.rmSync(os.homedir(), {recursive}), rimraf(HOME))',
    // Deleting APIs, process APIs (for `rm -rf ~` commands) and file writes (for scripts written to disk).
    needles: ['rmSync', 'rmdir', 'rm(', 'remove', 'emptyDir', 'emptydir', 'rimraf', 'del', 'trash', 'child_process', 'execa', 'shelljs', 'cross-spawn', 'writeFile', 'appendFile', 'outputFile'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        for (const call of model.calls) {
          const n = call.node;
          if (n.type !== 'CallExpression') continue;
          const args = n.arguments as AstNode[];
          const ref = model.calleeRef(call);
          const api = fsApi(ref);
          let deletes = false;
          if (api && FS_DELETE.has(api)) deletes = hasRecursive(args[1]);
          else if (api && FS_EXTRA_DELETE.has(api)) deletes = true;
          else if (ref && DELETE_MODULES.has(ref.module) && ref.module !== 'fs-extra') deletes = true;
          if (deletes && args[0]) {
            const root = rootOf(args[0], model, call.scope) ?? everyEntryOf(args[0], model, call.scope);
            if (root) ctx.report({ node: n as AstNode, message: `recursively deletes ${root}` });
            continue;
          }
          // A script written to disk to run later (TanStack 2026's dead-man's switch: `rm -rf ~/` when a token is revoked).
          if (api && SCRIPT_WRITES.has(api) && args[1]) {
            const content = shapeOf(args[1], model.resolver(call.scope))?.value;
            const hit = content === undefined ? undefined : classifyShell(shown(content)).find((h) => h.kind === 'destructive');
            if (hit) ctx.report({ node: n as AstNode, message: `writes a script that ${hit.message}: ${preview(hit.match, 60)}` });
            continue;
          }
          const sink = model.sink(call);
          if (sink?.kind !== 'exec') continue;
          const line = shown(sink.args.map((a) => shapeOf(unwrap(a), model.resolver(call.scope))?.value ?? HOLE).join(' '));
          const hit = classifyShell(line).find((h) => h.kind === 'destructive');
          if (hit) ctx.report({ node: n as AstNode, message: `${sink.label} ${hit.message}: ${preview(hit.match, 80)}` });
        }
      },
    });
  },
  checkPackage(ctx) {
    reportInstallShellHits(ctx, installPlan(ctx), kinds('destructive'));
  },
};

function hasRecursive(options: AstNode | undefined): boolean {
  const o = options ? unwrap(options) : undefined;
  if (o?.type !== 'ObjectExpression') return false;
  return o.properties.some((p) => p.type === 'Property' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === 'recursive') || (p.key.type === 'Literal' && p.key.value === 'recursive')) && !(unwrap(p.value as AstNode).type === 'Literal' && !(unwrap(p.value as AstNode) as { value: unknown }).value));
}

/** Which root a path expression denotes, if it denotes one exactly. */
export function rootOf(node: AstNode, model: FileModel, scope: Scope, depth = 0): Root | undefined {
  if (depth > 8) return undefined;
  const n = unwrap(node);
  const again = (x: AstNode) => rootOf(x, model, scope, depth + 1);
  if (n.type === 'Literal' && typeof n.value === 'string') return literalRoot(n.value);
  if (n.type === 'TemplateLiteral') {
    if (n.expressions.length !== 1 || n.quasis[0]!.value.cooked !== '') return n.expressions.length === 0 ? literalRoot(n.quasis[0]!.value.cooked ?? '') : undefined;
    return STAYS.test((n.quasis[1]!.value.cooked ?? '').replace(/^\//, '')) ? again(n.expressions[0] as AstNode) : undefined;
  }
  if (n.type === 'Identifier') {
    const bs = model.scopes.resolve(scope, n.name);
    return bs.length === 1 && bs[0]!.value ? rootOf(bs[0]!.value, model, bs[0]!.valueScope ?? bs[0]!.scope, depth + 1) : undefined;
  }
  if (n.type === 'MemberExpression') {
    const path = memberPath(n);
    if (path && /^process\.env\.(?:HOME|USERPROFILE|HOMEPATH)$/.test(path)) return 'the home directory';
    if (path === 'process.env.INIT_CWD' || path === 'process.env.PWD') return 'the project directory';
    return undefined;
  }
  if (n.type === 'LogicalExpression') return again(n.left as AstNode) ?? again(n.right as AstNode);
  if (n.type === 'CallExpression') {
    const ref = model.calleeRef(n);
    const callee = memberPath(n.callee as AstNode);
    if ((ref?.module === 'os' && ref.path[0] === 'homedir') || callee === 'os.homedir' || callee === 'require.os.homedir') return 'the home directory';
    if (callee === 'process.cwd') return 'the working directory';
    const method = n.callee.type === 'MemberExpression' ? propertyName(n.callee) : callee;
    if ((ref?.module === 'path' || callee?.startsWith('path.') || method === 'join' || method === 'resolve') && (method === 'join' || method === 'resolve') && n.arguments.length > 0) {
      const [first, ...rest] = n.arguments as AstNode[];
      const root = again(first!);
      if (!root) return undefined;
      return rest.every((r) => {
        const s = shapeOf(r, model.resolver(scope))?.value;
        return s !== undefined && !s.includes(HOLE) && STAYS.test(s.replace(/\/$/, ''));
      })
        ? root
        : undefined;
    }
  }
  return undefined;
}

function literalRoot(s: string): Root | undefined {
  if (/^(?:~|~\/|~\/\*)$/.test(s)) return 'the home directory';
  if (/^(?:\/|\/\*|[A-Za-z]:\\?|\/home\/?|\/Users\/?)$/.test(s)) return 'the file system root';
  return undefined;
}

/** `path.join(home, entry)` where `entry` comes from reading that same root: deleting every entry of it. */
function everyEntryOf(node: AstNode, model: FileModel, scope: Scope): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.arguments.length !== 2) return undefined;
  const method = n.callee.type === 'MemberExpression' ? propertyName(n.callee) : memberPath(n.callee as AstNode);
  if (method !== 'join' && method !== 'resolve') return undefined;
  const root = rootOf(n.arguments[0] as AstNode, model, scope);
  const entry = unwrap(n.arguments[1] as AstNode);
  if (!root || entry.type !== 'Identifier') return undefined;
  for (const b of model.scopes.resolve(scope, entry.name)) {
    // readdirSync(root).forEach(entry => …) or for (const entry of readdirSync(root))
    const from = b.param?.call && b.param.call.type === 'CallExpression' && b.param.call.callee.type === 'MemberExpression' ? (b.param.call.callee.object as AstNode) : b.value;
    const f = from ? unwrap(from) : undefined;
    if (f?.type === 'CallExpression' && /^readdir(?:Sync)?$/.test(fsApi(model.calleeRef(f)) ?? '') && f.arguments[0] && rootOf(f.arguments[0] as AstNode, model, b.scope)) return `every entry of ${root}`;
  }
  return undefined;
}
