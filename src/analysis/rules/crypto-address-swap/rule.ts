import type { Rule } from '../../types.js';
import { ADDRESS_NEEDLES, addressVisitor, isSwap, mergeVisitors, replacementOf, swapContext, trackers } from '../_ast/index.js';

/**
 * A crypto-address swapper ("clipper"): code that finds wallet addresses in text and replaces them,
 * in a file that also hooks the page's network or wallet APIs, carries a list of wallets, or
 * matches addresses of three or more chains. The chalk/debug payload (incidents.md §1) rewrote
 * ETH/BTC/TRX/LTC/BCH/SOL addresses in every fetch/XHR response to the attacker address nearest
 * by Levenshtein distance.
 */
export const rule: Rule = {
  meta: {
    id: 'crypto-address-swap',
    severity: 'critical',
    category: 'wallet-hijack',
    confidence: 'high',
    description: 'Replaces crypto wallet addresses (address regex + replace/Levenshtein) alongside hooked network/wallet APIs or a wallet list',
    needles: ADDRESS_NEEDLES,
  },
  create(ctx) {
    const t = trackers(ctx);
    const a = addressVisitor(t.bindings);
    return mergeVisitors(t.visitor, a.visitor, {
      'Program:exit': () => {
        const e = a.evidence;
        if (!isSwap(e)) return;
        const at = e.replaces[0] ?? e.dynamicReplaces[0] ?? e.levenshtein ?? e.firstPattern;
        const context = swapContext(e);
        ctx.report({
          node: at,
          message: `swaps crypto addresses: ${replacementOf(e)}, address patterns for ${[...e.chains].join('/') || 'no chain'}${context.length ? `; ${context.join('; ')}` : ''}`,
        });
      },
    });
  },
};
