import type { Rule } from '../../types.js';
import { hookVisitor, mergeVisitors, trackers } from '../_ast/index.js';

/**
 * Code that replaces the methods of the wallet provider a browser extension injects
 * (`window.ethereum.request/send/sendAsync`, Phantom's `solana.signTransaction`): the hook sees,
 * and can rewrite, every transaction the page asks the wallet to sign. A dapp or wallet SDK
 * *calls* these methods; it does not assign over them.
 */
export const rule: Rule = {
  meta: {
    id: 'wallet-provider-hook',
    severity: 'high',
    category: 'wallet-hijack',
    confidence: 'medium',
    description: 'Overrides or proxies the injected wallet provider (window.ethereum.request/send/sendAsync, solana.signTransaction)',
    needles: ['ethereum', 'solana', 'BinanceChain', 'okxwallet', 'trustwallet', 'coinbaseWalletExtension'],
  },
  create(ctx) {
    const t = trackers(ctx);
    return mergeVisitors(
      t.visitor,
      hookVisitor(t.bindings, (hook, kind) => {
        if (kind !== 'provider') return;
        const how = hook.how === 'assignment' ? 'assigns over' : hook.how === 'Proxy' ? 'wraps in a Proxy' : `redefines with ${hook.how}`;
        ctx.report({ node: hook.node, message: `${how} window.${hook.target}: every request the page sends to the wallet passes through this code` });
      }),
    );
  },
};
