import type { AstNode, Rule } from '../../types.js';
import { chainOfLiteral, isWeb3Package, memberPath, mergeVisitors, propertyName, staticString, stringVisitor, trackers, unwrap } from '../_ast/index.js';

/** ERC-20/721 selectors that hand spending rights to someone else. */
const GRANTS: Record<string, string> = {
  '0x095ea7b3': 'approve',
  '0xd505accf': 'permit',
  '0xa22cb465': 'setApprovalForAll',
  '0x39509351': 'increaseAllowance',
};
const GRANT_RE = /0x(?:095ea7b3|d505accf|a22cb465|39509351)/i;
const SEND_METHODS = /^(?:eth_sendTransaction|eth_signTypedData(?:_v[34])?)$/;
/**
 * A wallet drainer in a package that has no business with wallets: code that asks the injected
 * wallet to sign token approvals (`approve`/`permit`/`setApprovalForAll` calldata with an
 * unlimited allowance, sent with `eth_sendTransaction`/`eth_signTypedData`) to hard-coded
 * addresses, in a package whose manifest declares no web3 library. This is the
 * @lottiefiles/lottie-player 2.0.5–2.0.7 compromise (incidents.md §9): an animation player that
 * suddenly showed a "Connect Wallet" modal and requested unlimited approvals. A dapp does the
 * same with a wallet library as a dependency, so web3 packages are not judged by this rule.
 */
export const rule: Rule = {
  meta: {
    id: 'wallet-drainer-approval',
    severity: 'critical',
    category: 'wallet-hijack',
    confidence: 'high',
    description: 'Requests unlimited token approvals (approve/permit calldata, eth_sendTransaction) to hard-coded addresses in a package with no web3 dependency',
    needles: Object.keys(GRANTS),
  },
  create(ctx) {
    if (isWeb3Package(ctx.pkg.manifest)) return {};
    const t = trackers(ctx);
    let grant: { node: AstNode; what: string } | undefined;
    let unlimited = false;
    let sends = false;
    const addresses = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (s, node) => {
        const m = GRANT_RE.exec(s);
        if (m) grant ??= { node, what: GRANTS[m[0].toLowerCase()]! };
        if (/^(?:0x)?f{64}$/i.test(s) || /f{64}$/i.test(s)) unlimited = true;
        if (SEND_METHODS.test(s)) sends = true;
        if (chainOfLiteral(s) === 'ETH') addresses.add(s.toLowerCase());
      }),
      {
        CallExpression: (node) => {
          // 'f'.repeat(64)
          const c = node as AstNode & { type: 'CallExpression' };
          const callee = unwrap(c.callee as AstNode);
          if (callee.type === 'MemberExpression' && propertyName(callee, t.bindings) === 'repeat' && /^f+$/i.test(staticString(callee.object as AstNode, t.bindings) ?? '')) unlimited = true;
        },
        MemberExpression: (node) => {
          if (/(?:^|\.)(?:MaxUint256|MAX_UINT256)$/.test(memberPath(node, t.bindings) ?? '')) unlimited = true;
        },
        Identifier: (node) => {
          if (/^(?:maxUint256|MaxUint256|MAX_UINT256)$/.test((node as AstNode & { type: 'Identifier' }).name)) unlimited = true;
        },
        'Program:exit': () => {
          if (!grant || !unlimited || !sends || addresses.size < 2) return;
          ctx.report({
            node: grant.node,
            message: `asks the wallet for unlimited token ${grant.what} to hard-coded addresses (${addresses.size} address literals) in a package that declares no web3 library: a drainer`,
          });
        },
      },
    );
  },
};
