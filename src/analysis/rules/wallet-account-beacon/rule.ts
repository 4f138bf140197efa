import type { AstNode, Rule } from '../../types.js';
import { isWeb3Package, mergeVisitors, propertyName, SecretTaint, staticString, trackers, unwrap } from '../_ast/index.js';

const ACCOUNT_METHODS = /^(?:eth_requestAccounts|eth_accounts|eth_coinbase)$/;

/**
 * A package with no web3 dependency that asks the injected wallet for the user's accounts and
 * sends them to a server: the victim list of a drainer. The lottie-player 2.0.5–2.0.7 release
 * beaconed every connected account and chain to its operators before asking for approvals
 * (incidents.md §9). Dapps send accounts to their own backends, which is why web3 packages are
 * left to their own judgement and why a hit is medium confidence.
 */
export const rule: Rule = {
  meta: {
    id: 'wallet-account-beacon',
    severity: 'medium',
    category: 'exfiltration',
    confidence: 'medium',
    description: 'Sends the wallet accounts it requested (eth_requestAccounts) to a server, in a package with no web3 dependency',
    needles: ['eth_requestAccounts', 'eth_accounts', 'eth_coinbase'],
  },
  create(ctx) {
    if (isWeb3Package(ctx.pkg.manifest)) return {};
    const t = trackers(ctx);
    /** `provider.request({ method: 'eth_requestAccounts' })` is where the accounts come from. */
    const accounts = (node: AstNode) => {
      const n = node as AstNode & { type: 'CallExpression' };
      const callee = unwrap(n.callee as AstNode);
      if (callee.type !== 'MemberExpression' || propertyName(callee, t.bindings) !== 'request') return undefined;
      const arg = n.arguments[0] && unwrap(n.arguments[0] as AstNode);
      if (arg?.type !== 'ObjectExpression') return undefined;
      for (const p of arg.properties) {
        if (p.type !== 'Property' || p.computed || (p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode)) !== 'method') continue;
        const method = staticString(p.value as AstNode, t.bindings);
        if (method !== undefined && ACCOUNT_METHODS.test(method)) return { label: `the wallet accounts (${method})`, envObject: false };
      }
      return undefined;
    };
    const taint = new SecretTaint(t.aliases, t.bindings, accounts);
    return mergeVisitors(t.visitor, taint.visitor(ctx), {
      'Program:exit': () => {
        const flow = taint.flows.find((f) => f.taint.label.startsWith('the wallet accounts'));
        if (flow) ctx.report({ node: flow.sink, message: `sends ${flow.taint.label} to a server (${flow.callee}) from a package that declares no web3 library` });
      },
    });
  },
};
