import type { Rule } from '../../types.js';
import { DECODER_NEEDLES, mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/** Workflow text that dumps every secret, or turns the repository into a remote shell. */
const MARKERS: [RegExp, string][] = [
  [/\$\{\{\s*toJSON\(\s*secrets\s*\)\s*\}\}/i, 'dumps every repository secret (${{ toJSON(secrets) }})'],
  [/runs-on:\s*self-hosted[\s\S]*\$\{\{\s*github\.event\.discussion\.body\s*\}\}|\$\{\{\s*github\.event\.discussion\.body\s*\}\}[\s\S]*runs-on:\s*self-hosted/, 'runs discussion text on a self-hosted runner (a backdoor)'],
  [/RUNNER_TRACKING_ID:\s*0/, 'hides a runner process from cleanup (RUNNER_TRACKING_ID: 0)'],
];

/**
 * Workflow text in package code that exfiltrates secrets or plants a backdoor:
 * `${{ toJSON(secrets) }}` (Shai-Hulud's shai-hulud-workflow.yml posted it to webhook.site,
 * incidents.md §3), a self-hosted runner executing discussion bodies (Shai-Hulud 2.0's
 * discussion.yaml, §4), `RUNNER_TRACKING_ID: 0`. No library needs to carry these.
 */
export const rule: Rule = {
  meta: {
    id: 'workflow-secret-dump',
    severity: 'critical',
    category: 'ci-worm',
    confidence: 'high',
    description: 'Carries GitHub workflow text that dumps all secrets (toJSON(secrets)) or runs discussion bodies on a self-hosted runner',
    needles: ['secrets', 'discussion', 'RUNNER_TRACKING_ID', ...DECODER_NEEDLES],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (s, node) => {
        // Every marker needs a `${{` expression or the runner variable.
        if (!s.includes('${{') && !s.includes('RUNNER_TRACKING_ID')) return;
        for (const [re, what] of MARKERS) {
          if (seen.has(what) || !re.test(s)) continue;
          seen.add(what);
          ctx.report({ node, message: `workflow text that ${what}` });
        }
      }),
    );
  },
};
