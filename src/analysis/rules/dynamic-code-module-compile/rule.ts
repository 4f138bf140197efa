import type { AstNode, Rule } from '../../types.js';
import { memberPath, propertyName, unwrap } from '../_ast/values.js';
import { fileModel } from '../_static/file-model.js';
import { isStaticCode } from '../_static/sinks.js';
import { FirstOccurrence } from '../_static/visitors.js';

/**
 * Compiling source into a module by hand: `module._compile(code, file)`, `new Module()`,
 * `new module.constructor()`. Require hooks (ts-node, @babel/register, pirates) and
 * `require-from-string` do this legitimately; the flatmap-stream payload did it to run decrypted
 * code as a module. A capability note; the decrypted case is `dynamic-code-decoded-exec`.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-module-compile',
    severity: 'medium',
    category: 'dynamic-code',
    confidence: 'low',
    description: 'Compiles a string into a CommonJS module by hand (module._compile, new Module, new module.constructor)',
    // What each trigger below needs in the text: `_compile`, the `module` builtin named in a
    // require or import (or a constructor called `…Module(`), `module.constructor`. Not plain
    // 'Module': every transpiled file says `__esModule`.
    needles: ['_compile', "'module'", '"module"', '`module`', 'node:module', 'Module(', 'module.constructor', "module['constructor']", 'module["constructor"]'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    const first = new FirstOccurrence();
    return model.visitor({
      'Program:exit': () => {
        for (const call of model.calls) {
          const n = unwrap(call.node);
          const sink = model.sink(call);
          if (sink?.kind === 'compile' && !sink.args.every(isStaticCode)) {
            first.add(n, 'module._compile() compiles a string as a module');
            continue;
          }
          if (n.type !== 'NewExpression') continue;
          const callee = unwrap(n.callee as AstNode);
          const ref = model.mods.refOf(callee);
          const isModuleCtor = (ref?.module === 'module' && (ref.path.length === 0 || ref.path[ref.path.length - 1] === 'Module')) || memberPath(callee) === 'module.constructor' || (callee.type === 'MemberExpression' && propertyName(callee) === 'constructor' && memberPath(callee.object as AstNode) === 'module');
          if (isModuleCtor) first.add(n, 'creates a module object by hand to compile code into it');
        }
        first.flush(ctx);
      },
    });
  },
};
