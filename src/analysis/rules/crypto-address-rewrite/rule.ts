import type { Rule } from '../../types.js';
import { ADDRESS_NEEDLES, addressVisitor, isSwap, mergeVisitors, replacementOf, trackers } from '../_ast/index.js';

/**
 * Address replacement without the hostile context crypto-address-swap requires: a `.replace()`
 * with a wallet-address regex, or an edit-distance function next to address patterns. Display
 * code does this too (masking or linkifying addresses), so it is a weak signal that matters when
 * it comes with obfuscation; crypto-address-swap reports the strong form instead of this one.
 */
export const rule: Rule = {
  meta: {
    id: 'crypto-address-rewrite',
    severity: 'medium',
    category: 'wallet-hijack',
    confidence: 'low',
    description: 'Rewrites text matched by a crypto wallet-address regex (replace/Levenshtein), without other hostile context',
    needles: ADDRESS_NEEDLES,
  },
  create(ctx) {
    const t = trackers(ctx);
    const a = addressVisitor(t.bindings);
    return mergeVisitors(t.visitor, a.visitor, {
      'Program:exit': () => {
        const e = a.evidence;
        if (isSwap(e)) return;
        const replaces = e.replaces.length > 0 || (e.levenshtein !== undefined && e.chains.size > 0);
        if (!replaces) return;
        ctx.report({ node: e.replaces[0] ?? e.levenshtein, message: `rewrites crypto addresses: ${replacementOf(e)} (address patterns for ${[...e.chains].join('/')})` });
      },
    });
  },
};
