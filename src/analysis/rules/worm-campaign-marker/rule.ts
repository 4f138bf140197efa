import type { AstNode, Rule } from '../../types.js';
import { DECODER_NEEDLES, mergeVisitors, propertyName, stringVisitor, trackers, unwrap } from '../_ast/index.js';

/** Names the worm campaigns gave their repositories, branches, files and runners (incidents.md §3–§5, §18). */
const MARKERS: [RegExp, string][] = [
  [/sha1[-_ ]?hulud/i, 'Shai-Hulud 2.0 ("Sha1-Hulud")'],
  [/shai[-_ ]?hulud/i, 'Shai-Hulud'],
  [/s1ngularity-repository/, 'nx s1ngularity'],
  [/\/tmp\/(?:processor|migrate-repos)\.sh|\/tmp\/github-migration/, 'Shai-Hulud (processor.sh / migrate-repos.sh)'],
  [/\b(?:truffleSecrets|actionsSecrets)\.json\b/, 'Shai-Hulud 2.0 exfiltration files'],
  [/\bbun_environment\.js\b/, 'Shai-Hulud 2.0 payload (bun_environment.js)'],
  [/\btanstack_runner\.js\b/, 'TanStack "mini Shai-Hulud" payload (tanstack_runner.js)'],
  [/\/tmp\/inventory\.txt\b/, 'nx s1ngularity (/tmp/inventory.txt)'],
];

/** A word every marker above needs (case-insensitively): most strings skip the eight patterns. */
const MARKER_HINT = /hulud|s1ngularity|\/tmp\/|Secrets\.json|bun_environment|tanstack_runner/i;

/** Methods and operators that *look for* a string: a scanner's IOC check, not the worm itself. */
const LOOKUPS = new Set(['includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'test', 'match', 'matchAll', 'search', 'has', 'some', 'find']);

/**
 * Strings the worm campaigns used as names: the `Shai-Hulud` repository and branch,
 * `Sha1-Hulud: The Second Coming`, `SHA1HULUD` runners, `s1ngularity-repository`,
 * `/tmp/processor.sh`, `bun_environment.js`, `truffleSecrets.json`. Only strings the code would
 * *use* count: a scanner that compares file names against these (`includes`, `===`, a list of
 * three or more indicators) is not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'worm-campaign-marker',
    severity: 'critical',
    category: 'ci-worm',
    confidence: 'high',
    description: 'Uses names from the Shai-Hulud / s1ngularity worm campaigns (repository, branch, runner, payload and temp file names)',
    needles: ['ulud', 'ULUD', 's1ngularity', 'processor.sh', 'migrate-repos', 'github-migration', 'truffleSecrets', 'actionsSecrets', 'bun_environment', 'tanstack_runner', 'inventory.txt', ...DECODER_NEEDLES],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (s, node, parent) => {
        if (!MARKER_HINT.test(s)) return;
        for (const [re, campaign] of MARKERS) {
          const m = re.exec(s);
          if (!m || seen.has(campaign) || isLookup(node, parent)) continue;
          seen.add(campaign);
          ctx.report({ node, message: `uses "${m[0]}", a name from the ${campaign} campaign` });
          break;
        }
      }),
    );
  },
};

function isLookup(node: AstNode, parent: AstNode | null): boolean {
  if (!parent) return false;
  if (parent.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(parent.operator)) return true;
  if (parent.type === 'ArrayExpression' && parent.elements.length >= 3) return true;
  if (parent.type === 'CallExpression' && parent.arguments.includes(node as never)) {
    const callee = unwrap(parent.callee as AstNode);
    return callee.type === 'MemberExpression' && LOOKUPS.has(propertyName(callee) ?? '');
  }
  return false;
}
