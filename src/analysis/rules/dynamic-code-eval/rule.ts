import type { AstNode, Rule } from '../../types.js';
import { fileModel } from '../_static/file-model.js';
import { isStaticCode, isStringy } from '../_static/sinks.js';
import { FirstOccurrence } from '../_static/visitors.js';

/**
 * The capability to run strings as code: `eval(x)`, `new Function(x)`, `vm.runInThisContext(x)`,
 * a string timer. Template engines, expression compilers, polyfills and test runners do this every
 * day, so it is a low-confidence note (one per file) that other findings can build on; constant
 * strings (`Function('return this')()`, `eval('require')`) are not reported at all.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-eval',
    severity: 'low',
    category: 'dynamic-code',
    confidence: 'low',
    description: 'Runs a computed string as code (eval, Function, vm.Script/runIn*, string timers)',
    needles: ['eval', 'Function', 'runIn', 'Script', 'compileFunction', 'setTimeout', 'setInterval'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    const first = new FirstOccurrence();
    return model.visitor({
      'Program:exit': () => {
        for (const call of model.sinkSites()) {
          const sink = model.sink(call);
          if (!sink || (sink.kind !== 'eval' && sink.kind !== 'function' && sink.kind !== 'vm' && sink.kind !== 'timer')) continue;
          if (sink.args.length === 0 || sink.args.every(isStaticCode)) continue;
          // setTimeout(fn, ms) with a function variable is the everyday case: only certain strings count.
          if (sink.kind === 'timer' && !isStringy(sink.args[0]!)) continue;
          first.add(call.node as AstNode, `${sink.label} runs a string computed at runtime`);
        }
        first.flush(ctx);
      },
    });
  },
};
