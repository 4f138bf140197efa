import type { AstNode, Rule } from '../../types.js';
import { HOLE } from '../_ast/values.js';
import { fileModel } from '../_static/file-model.js';

import { shapeOf } from '../_static/strings.js';
import { FirstOccurrence } from '../_static/visitors.js';

/**
 * `require(x)` / `import(x)` of a module name that is only known at runtime. Plugin loaders,
 * optional dependencies and config loaders do this (`require(path.join(dir, name))`), so it is a
 * low-confidence note, one per file. A name that resolves statically is not reported here; a
 * static name that was hidden (split or encoded) is `dynamic-code-split-name` /
 * `dynamic-code-decoded-exec`.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-computed-require',
    severity: 'low',
    category: 'dynamic-code',
    confidence: 'low',
    description: 'Loads a module whose name is computed at runtime (require or import() of a non-constant string)',
    needles: ['require', 'import('],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    const first = new FirstOccurrence();
    return model.visitor({
      'Program:exit': () => {
        for (const call of model.sinkSites()) {
          const sink = model.sink(call);
          if (sink?.kind !== 'require' || !sink.args[0]) continue;
          const n = call.node as AstNode;
          // require.resolve-style lookups and require(x) inside a try are still loads; only constant names are skipped.
          const shape = shapeOf(sink.args[0], model.resolver(call.scope));
          if (shape && !shape.value.includes(HOLE)) continue;
          first.add(n, `${sink.label} of a name computed at runtime: ${ctx.source(sink.args[0]).slice(0, 60)}`);
        }
        first.flush(ctx);
      },
    });
  },
};
