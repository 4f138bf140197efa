import type { Rule } from '../../types.js';
import { CREDENTIAL_NEEDLES, mergeVisitors, secretFileVisitor, trackers } from '../_ast/index.js';

/**
 * Reads of developer credential files: `~/.npmrc`, `~/.ssh/*`, `~/.aws/credentials`,
 * `~/.git-credentials`, `~/.config/gh/hosts.yml`, Docker/Kubernetes/netrc/PyPI/gcloud/Azure
 * credentials, a Solana keypair. eslint-scope 3.7.2 read `.npmrc` (incidents.md §14), nx
 * s1ngularity `.npmrc` and the gh token (§5), Shai-Hulud `.npmrc` and `~/.aws` (§3). npm, the
 * AWS SDK and Solana tooling read their own file legitimately, so one read is a capability (low
 * confidence); credential-sweep and secrets-sent-over-network report the stealing shapes.
 */
export const rule: Rule = {
  meta: {
    id: 'credential-file-read',
    severity: 'medium',
    category: 'credential-harvesting',
    confidence: 'low',
    description: 'Reads a developer credential file (.npmrc, ~/.ssh, ~/.aws/credentials, .git-credentials, gh hosts.yml, …)',
    needles: CREDENTIAL_NEEDLES,
  },
  create(ctx) {
    const t = trackers(ctx);
    const s = secretFileVisitor(ctx, t.aliases, t.bindings);
    return mergeVisitors(t.visitor, s.visitor, {
      'Program:exit': () => {
        const seen = new Set<string>();
        for (const read of s.evidence.reads) {
          if (read.secret.class !== 'dev' || seen.has(read.secret.kind)) continue;
          seen.add(read.secret.kind);
          ctx.report({ node: read.node, message: `reads ${read.secret.kind}` });
        }
      },
    });
  },
};
