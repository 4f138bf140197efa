import type { Rule } from '../../types.js';
import { mergeVisitors, publishCall, trackers } from '../_ast/index.js';

/**
 * Package code that publishes to npm: `npm publish`/`npm version` (or pnpm/yarn/bun publish)
 * spawned from JavaScript, or libnpmpublish. Shai-Hulud republished every package its victim
 * maintained with `npm publish <tgz>` (incidents.md §3). Release tools (semantic-release,
 * changesets, np, lerna) do exactly this by design, so alone it is a capability (low confidence);
 * npm-worm-propagation reports it together with the worm's other traits.
 */
export const rule: Rule = {
  meta: {
    id: 'npm-publish-exec',
    severity: 'medium',
    category: 'ci-worm',
    confidence: 'low',
    description: 'Runs npm publish / npm version (or pnpm/yarn/bun publish, libnpmpublish) from package code',
    needles: ['publish', 'version'],
  },
  create(ctx) {
    // 'version' is in most files; a publish needs a package manager's name or libnpmpublish.
    if (!/\b(?:npm|pnpm|yarn|bun|libnpmpublish)\b/.test(ctx.file.text)) return {};
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(t.visitor, {
      CallExpression: (node) => {
        const how = publishCall(node, t.aliases, t.bindings);
        if (how === undefined || seen.has(how)) return;
        seen.add(how);
        ctx.report({ node, message: `runs ${how} from package code` });
      },
    });
  },
};
