import type { Rule } from '../../types.js';
import { CREDENTIAL_NEEDLES, mergeVisitors, secretFileVisitor, trackers } from '../_ast/index.js';

/** Distinct kinds of credential files that make a sweep. */
const SWEEP = 3;

/**
 * A file that reads files and names three or more different kinds of credential files (`.npmrc`,
 * `~/.ssh`, `~/.aws/credentials`, `.git-credentials`, gh `hosts.yml`, …), typically as a list of
 * targets to loop over. A tool reads its own credential file; a stealer reads everyone's. The nx
 * s1ngularity prompt and Shai-Hulud's harvester went after npm, GitHub, SSH and cloud credentials
 * together (incidents.md §3, §5).
 */
export const rule: Rule = {
  meta: {
    id: 'credential-sweep',
    severity: 'high',
    category: 'credential-harvesting',
    confidence: 'medium',
    description: `Reads files and names ${SWEEP}+ different kinds of credential files (npm, SSH, AWS, git, gh, Docker, …)`,
    needles: CREDENTIAL_NEEDLES,
  },
  create(ctx) {
    const t = trackers(ctx);
    const s = secretFileVisitor(ctx, t.aliases, t.bindings);
    return mergeVisitors(t.visitor, s.visitor, {
      'Program:exit': () => {
        const e = s.evidence;
        if (!e.readsFiles && e.reads.length === 0) return;
        const uses = [...e.reads, ...e.mentions].filter((u) => u.secret.class === 'dev');
        const kinds = [...new Set(uses.map((u) => u.secret.kind))];
        if (kinds.length < SWEEP) return;
        const first = uses.reduce((a, b) => (b.node.start < a.node.start ? b : a));
        ctx.report({ node: first.node, message: `goes after ${kinds.length} kinds of credential files: ${kinds.join(', ')}` });
      },
    });
  },
};
