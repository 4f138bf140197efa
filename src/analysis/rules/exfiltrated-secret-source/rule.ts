import type { Rule } from '../../types.js';
import { mergeVisitors, SECRET_NEEDLES, sharedSecretTaint, trackers } from '../_ast/index.js';

/**
 * The harvesting end of secrets-sent-over-network: where a secret that this file later sends out
 * enters the code (the `process.env`, the `readFileSync('~/.npmrc')`, the `gh auth token` call,
 * the `secretKey` handed to a helper). Same analysis, reported at the source so a reader sees
 * both ends: @solana/web3.js 1.95.6/7 took `secretKey` in `Keypair.fromSecretKey` (incidents.md
 * §8), eslint-scope read `~/.npmrc` (§14), Shai-Hulud gathered `process.env` (§3).
 */
export const rule: Rule = {
  meta: {
    id: 'exfiltrated-secret-source',
    severity: 'high',
    category: 'credential-harvesting',
    confidence: 'medium',
    description: 'Collects a secret (process.env, credential file, private key, token command) that the same file sends over the network',
    needles: SECRET_NEEDLES,
  },
  create(ctx) {
    const t = trackers(ctx);
    const { taint, visitor } = sharedSecretTaint(ctx, t.aliases, t.bindings);
    return mergeVisitors(t.visitor, visitor, {
      'Program:exit': () => {
        const seen = new Set<unknown>();
        for (const flow of taint.flows) {
          const origin = flow.taint.origin;
          if (!origin || seen.has(origin)) continue;
          seen.add(origin);
          ctx.report({ node: origin, message: `collects ${flow.taint.label === 'process.env' ? 'the whole process.env' : flow.taint.label}, which this file sends over the network (${flow.callee})` });
        }
      },
    });
  },
};
