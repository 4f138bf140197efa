import type { Rule } from '../../types.js';
import { fileModel } from '../_static/file-model.js';
import { sharedHiddenNames } from '../_static/hidden-names.js';

/**
 * A sensitive name assembled from string pieces where it is used: the eslint-config-prettier
 * 2025 loader ran `require('chi'+'ld_pro'+'cess')["sp"+"awn"]("rund"+"ll32", …)`. Bundler
 * workarounds sometimes split harmless names (`require('u' + 'rl')`), so only modules, APIs and
 * programs that run code, touch the network or read secrets count, at medium confidence.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-split-name',
    severity: 'high',
    category: 'dynamic-code',
    confidence: 'medium',
    description: 'Assembles the name of a sensitive module, API or program (child_process, spawn, eval, rundll32…) from string pieces at the place it is used',
    needles: ["'", '"', '`'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    const hidden = sharedHiddenNames(model);
    return model.visitor(hidden.visitor, {
      'Program:exit': () => {
        for (const h of hidden.names((n) => ctx.source(n))) {
          if (h.shape.decoded) continue; // dynamic-code-encoded-name / dynamic-code-decoded-exec
          ctx.report({ node: h.node, message: `assembles the ${h.use} name "${h.shape.value}" from ${h.shape.pieces} string pieces where it uses it` });
        }
      },
    });
  },
};
