import type { Rule } from '../../types.js';
import { mergeVisitors, SECRET_NEEDLES, sharedSecretTaint, trackers } from '../_ast/index.js';

/**
 * Secrets that flow into a network call in the same file: the whole `process.env`, the contents
 * of a credential file (`~/.npmrc`, `~/.ssh/id_rsa`, `~/.aws/credentials`, browser and wallet
 * stores), key material (`secretKey`, `privateKey`, `mnemonic`) or the output of a token-printing
 * command (`gh auth token`, TruffleHog), passed through variables, templates, JSON.stringify or
 * base64, and through the file's own helper functions (`addToQueue(key)` → `fetch`), into
 * `fetch`, `https.request`, `req.write`, `dns.resolve`, a WebSocket… This is the source → sink
 * chain of eslint-scope 3.7.2 (`.npmrc` to a remote server, incidents.md §14), the
 * @solana/web3.js backdoor (secret keys in request headers, §8), nx s1ngularity and Shai-Hulud
 * (§3, §5). A token in an `Authorization` header, or a key in a TLS client option, is a
 * credential used where it belongs and is not a flow.
 */
export const rule: Rule = {
  meta: {
    id: 'secrets-sent-over-network',
    severity: 'critical',
    category: 'exfiltration',
    confidence: 'high',
    description: 'Sends process.env, credential-file contents, private keys or token-command output over the network',
    needles: SECRET_NEEDLES,
  },
  create(ctx) {
    const t = trackers(ctx);
    const { taint, visitor } = sharedSecretTaint(ctx, t.aliases, t.bindings);
    return mergeVisitors(t.visitor, visitor, {
      'Program:exit': () => {
        const seen = new Set<string>();
        for (const flow of taint.flows) {
          const key = `${flow.taint.label}\0${flow.callee}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.report({ node: flow.sink, message: `sends ${flow.taint.label === 'process.env' ? 'the whole process.env' : flow.taint.label} over the network (${flow.callee})` });
        }
      },
    });
  },
};
