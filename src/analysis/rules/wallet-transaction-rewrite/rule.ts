import type { AstNode, Rule } from '../../types.js';
import { type Hook, hookVisitor, memberPath, mergeVisitors, propertyName, staticString, stringVisitor, trackers, unwrap } from '../_ast/index.js';

/** ERC-20 selectors whose calldata a drainer rewrites: approve, permit, transfer, transferFrom. */
const SELECTORS: Record<string, string> = {
  '0x095ea7b3': 'approve',
  '0xd505accf': 'permit',
  '0xa9059cbb': 'transfer',
  '0x23b872dd': 'transferFrom',
};
const SELECTOR_RE = /0x(?:095ea7b3|d505accf|a9059cbb|23b872dd)/i;
/** Fields of a transaction a hook sets to redirect it. */
const TX_FIELDS = new Set(['to', 'recipient', 'toPubkey', 'destination']);

/**
 * A hook of the wallet provider together with code that rewrites what passes through it: ERC-20
 * approve/permit/transfer selectors, an unlimited allowance (`'f'.repeat(64)`), or an assignment
 * to a transaction's `to`. This is the chalk/debug `runMask` (incidents.md §1) and the wallet
 * drainers of the lottie-player release (§9): legitimate dapps call the provider, they do not
 * intercept it and edit transactions in flight.
 */
export const rule: Rule = {
  meta: {
    id: 'wallet-transaction-rewrite',
    severity: 'critical',
    category: 'wallet-hijack',
    confidence: 'high',
    description: 'Hooks the wallet provider and rewrites transactions (ERC-20 approve/transfer calldata, recipient, unlimited allowance)',
    needles: ['ethereum', 'solana'],
  },
  create(ctx) {
    const t = trackers(ctx);
    const hooks: Hook[] = [];
    const evidence = new Set<string>();
    return mergeVisitors(
      t.visitor,
      hookVisitor(t.bindings, (hook, kind) => {
        if (kind === 'provider') hooks.push(hook);
      }),
      stringVisitor(t.bindings, (s) => {
        const m = SELECTOR_RE.exec(s);
        if (m) evidence.add(`ERC-20 ${SELECTORS[m[0].toLowerCase()]} selector ${m[0]}`);
        if (/f{64}/i.test(s)) evidence.add('unlimited allowance (ff…ff)');
        if (s === 'solana_signTransaction' || s === 'solana_signAndSendTransaction') evidence.add(`Solana ${s} interception`);
      }),
      {
        CallExpression: (node) => {
          // 'f'.repeat(64): the unlimited allowance the chalk payload wrote into approve calldata
          const c = node as AstNode & { type: 'CallExpression' };
          const callee = unwrap(c.callee as AstNode);
          if (callee.type === 'MemberExpression' && propertyName(callee, t.bindings) === 'repeat' && /^f+$/i.test(staticString(callee.object as AstNode, t.bindings) ?? '') && c.arguments[0]) {
            const n = unwrap(c.arguments[0] as AstNode);
            if (n.type === 'Literal' && typeof n.value === 'number' && n.value >= 32) evidence.add("unlimited allowance ('f'.repeat)");
          }
        },
        AssignmentExpression: (node) => {
          const left = unwrap((node as AstNode & { type: 'AssignmentExpression' }).left as AstNode);
          if (left.type !== 'MemberExpression') return;
          const prop = propertyName(left, t.bindings);
          if (prop !== undefined && TX_FIELDS.has(prop)) evidence.add(`sets ${memberPath(left, t.bindings) ?? `….${prop}`}`);
        },
        'Program:exit': () => {
          const hook = hooks[0];
          if (!hook || evidence.size === 0) return;
          ctx.report({
            node: hook.node,
            message: `hooks window.${hook.target} and rewrites transactions (${[...evidence].slice(0, 3).join('; ')})`,
          });
        },
      },
    );
  },
};
