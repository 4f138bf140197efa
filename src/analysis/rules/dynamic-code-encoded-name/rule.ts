import type { Rule } from '../../types.js';
import { fileModel } from '../_static/file-model.js';
import { sharedHiddenNames } from '../_static/hidden-names.js';
import { preview } from '../_static/visitors.js';

/**
 * A sensitive name (`child_process`, `exec`, `eval`, `env`, `rundll32`…) decoded from base64, hex,
 * char codes or a reversed string right where it is used: `require(atob('Y2hpbGRfcHJvY2Vzcw=='))`,
 * `process[Buffer.from('656e76','hex').toString()]`, `cp[String.fromCharCode(101,120,101,99)]`.
 * Nothing but evasion has a reason to encode the name of an API it calls.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-encoded-name',
    severity: 'high',
    category: 'dynamic-code',
    confidence: 'high',
    description: 'Decodes the name of a sensitive module, API or program (base64, hex, char codes, reversal) at the place it is used',
    needles: ['base64', 'atob', 'fromCharCode', 'fromCodePoint', 'hex', 'reverse'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    const hidden = sharedHiddenNames(model);
    return model.visitor(hidden.visitor, {
      'Program:exit': () => {
        for (const h of hidden.names((n) => ctx.source(n))) {
          if (!h.shape.decoded || h.use === 'module') continue; // decoded module names: dynamic-code-decoded-exec
          ctx.report({ node: h.node, message: `decodes the ${h.use} name "${preview(h.shape.value, 40)}" from ${h.shape.decoded} where it uses it` });
        }
      },
    });
  },
};
