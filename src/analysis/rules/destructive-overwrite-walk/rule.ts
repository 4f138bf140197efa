import type { AstNode, Rule } from '../../types.js';
import { HOLE, unwrap } from '../_ast/values.js';
import { fileModel, type FileModel } from '../_static/file-model.js';
import { isFunction, type Scope, Taint } from '../_static/flow.js';
import { fsApi } from '../_static/modules.js';
import { shapeOf } from '../_static/strings.js';
import { preview } from '../_static/visitors.js';

const WRITES = new Set(['writeFile', 'writeFileSync', 'outputFile', 'outputFileSync']);
const WALKERS = new Set(['readdir', 'readdirSync', 'opendir', 'opendirSync']);
const WALK_MODULES = new Set(['glob', 'fast-glob', 'globby', 'tinyglobby', 'readdirp', 'klaw', 'klaw-sync', 'walkdir', 'walk']);

/**
 * Overwriting every file found while walking directories with one constant: node-ipc 10.1.1
 * (2022) walked `./`, `../`, `../../` and `/` and replaced each file's content with `❤️`. A write
 * whose target is a directory entry (not a file name the code chose, like `.gitkeep`) and whose
 * content is a fixed non-empty string, inside a recursive walk, destroys data and nothing else.
 */
export const rule: Rule = {
  meta: {
    id: 'destructive-overwrite-walk',
    severity: 'critical',
    category: 'destructive',
    confidence: 'high',
    description: 'Walks directories recursively and overwrites every file found with a constant',
    needles: ['writeFile', 'outputFile'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        const walk = new Taint(model.scopes, {
          isSource: (n) => {
            if (n.type !== 'CallExpression') return false;
            const ref = model.calleeRef(n);
            return (fsApi(ref) !== undefined && WALKERS.has(fsApi(ref)!)) || (ref !== undefined && WALK_MODULES.has(ref.module));
          },
        });
        for (const call of model.calls) {
          const n = call.node;
          if (n.type !== 'CallExpression') continue;
          const api = fsApi(model.calleeRef(call));
          if (!api || !WRITES.has(api) || n.arguments.length < 2) continue;
          const [target, data] = n.arguments as AstNode[];
          const resolve = model.resolver(call.scope);
          const content = shapeOf(data!, resolve);
          if (!content || content.value.includes(HOLE) || content.value.trim() === '') continue;
          // The target must be the walked entry itself: `join(dir, name)`, not `join(dir, '.gitkeep')`.
          const targetShape = shapeOf(target!, resolve);
          if (targetShape && !targetShape.value.replace(/\/+$/, '').endsWith(HOLE)) continue;
          const source = walk.sourceOf(target!, call.scope);
          if (!source) continue;
          if (!recursive(call.scope, model) && !recursiveSource(source, model)) continue;
          ctx.report({ node: n as AstNode, message: `overwrites every file found while walking directories with the constant "${preview(content.value, 30)}"` });
        }
      },
    });
  },
};

/** Whether a call's enclosing function (or one around it) calls itself by name: a recursive walk. */
function recursive(scope: Scope, model: FileModel): boolean {
  for (let s: Scope | null = scope; s && s.fn; s = s.parent) {
    const fn = s.fn;
    const name = nameOf(fn, s);
    if (!name) continue;
    const calls = model.calls.some((c) => {
      const callee = c.node.type === 'CallExpression' ? unwrap(c.node.callee as AstNode) : undefined;
      if (callee?.type !== 'Identifier' || callee.name !== name) return false;
      for (let t: Scope | null = c.scope; t; t = t.parent) if (t === s) return true;
      return false;
    });
    if (calls) return true;
  }
  return false;
}

function nameOf(fn: AstNode, scope: Scope): string | undefined {
  const id = (fn as { id?: AstNode | null }).id;
  if (id && id.type === 'Identifier') return id.name;
  for (const [name, bs] of scope.parent?.bindings ?? []) if (bs.some((b) => b.value && unwrap(b.value) === fn && isFunction(fn))) return name;
  return undefined;
}

/** `readdirSync(dir, { recursive: true })`, or a glob with `**`: the walk is recursive by itself. */
function recursiveSource(source: AstNode, model: FileModel): boolean {
  if (source.type !== 'CallExpression') return false;
  const ref = model.calleeRef(source);
  if (ref && WALK_MODULES.has(ref.module)) return true;
  return source.arguments.some((a) => {
    const o = unwrap(a as AstNode);
    return o.type === 'ObjectExpression' && o.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'recursive');
  });
}
