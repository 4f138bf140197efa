import type { Rule } from '../../types.js';
import { mergeVisitors, secretFileVisitor, trackers, WALLET_EXTENSION_IDS } from '../_ast/index.js';

/**
 * Access to crypto-wallet storage on disk: the `Local Extension Settings/<id>` folders of wallet
 * extensions (MetaMask `nkbihfbeogaeaoehlefnkodbefgpgknn`, Phantom, Coinbase, …) where the
 * encrypted vaults live, and desktop wallet files (Exodus `exodus.wallet`, Electrum, Atomic,
 * Ethereum keystores, `wallet.dat`). The nx s1ngularity prompt hunted wallet files (incidents.md
 * §5) and info-stealers shipped on npm copy these folders. Nothing legitimate in a package reads
 * another application's wallet vault.
 */
export const rule: Rule = {
  meta: {
    id: 'wallet-data-access',
    severity: 'critical',
    category: 'credential-harvesting',
    confidence: 'high',
    description: 'Reads crypto-wallet storage: wallet-extension vaults (Local Extension Settings/<id>) or desktop wallet files',
    needles: ['Local Extension Settings', 'exodus', 'Exodus', 'Electrum', 'atomic', 'keystore', 'wallet.dat', 'Coinomi', 'Guarda', 'jaxx', ...WALLET_EXTENSION_IDS],
  },
  create(ctx) {
    const t = trackers(ctx);
    const s = secretFileVisitor(ctx, t.aliases, t.bindings);
    return mergeVisitors(t.visitor, s.visitor, {
      'Program:exit': () => {
        const e = s.evidence;
        const wallets = [...e.reads, ...e.mentions].filter((u) => u.secret.class === 'wallet');
        const extensionContext = e.mentions.some((m) => m.secret.kind.includes('Local Extension Settings')) || ctx.file.text.includes('Local Extension Settings');
        if (e.extensionIds.length > 0 && (extensionContext || (e.readsFiles && new Set(e.extensionIds.map((x) => x.id)).size >= 2))) {
          const ids = [...new Set(e.extensionIds.map((x) => x.id))];
          ctx.report({ node: e.extensionIds[0]!.node, message: `targets the storage of ${ids.length} wallet extension${ids.length > 1 ? 's' : ''} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})` });
          return;
        }
        if (wallets.length > 0 && (e.readsFiles || e.reads.length > 0)) {
          const kinds = [...new Set(wallets.map((w) => w.secret.kind))];
          const first = wallets.reduce((a, b) => (b.node.start < a.node.start ? b : a));
          ctx.report({ node: first.node, message: `reads crypto-wallet files: ${kinds.join(', ')}` });
        }
      },
    });
  },
};
