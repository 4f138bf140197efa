import type { Rule } from '../../types.js';
import { hookVisitor, mergeVisitors, trackers } from '../_ast/index.js';

/**
 * Code that replaces the page's network APIs: `window.fetch`, `XMLHttpRequest.prototype.open/send`,
 * `WebSocket.prototype.send`. It sees (and can rewrite) every request and response of the page.
 * The chalk/debug payload did this to swap wallet addresses in API responses (incidents.md §1),
 * but error trackers and RUM agents (Sentry, Datadog, New Relic) wrap the same APIs to time
 * requests, so on its own this is a capability, not a verdict. Polyfills that only fill a gap
 * (`if (!self.fetch) self.fetch = fetch`, as whatwg-fetch does) are not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'network-api-override',
    severity: 'medium',
    category: 'wallet-hijack',
    confidence: 'low',
    description: 'Replaces window.fetch or XMLHttpRequest.prototype.open/send (every request of the page passes through it)',
    needles: ['fetch', 'XMLHttpRequest', 'WebSocket', 'Response'],
  },
  create(ctx) {
    const t = trackers(ctx);
    return mergeVisitors(
      t.visitor,
      hookVisitor(t.bindings, (hook, kind) => {
        if (kind !== 'network') return;
        const how = hook.how === 'assignment' ? 'replaces' : hook.how === 'Proxy' ? 'wraps in a Proxy' : `redefines with ${hook.how}`;
        const name = hook.target === 'fetch' || hook.target === 'XMLHttpRequest' ? `window.${hook.target}` : hook.target;
        ctx.report({ node: hook.node, message: `${how} ${name}: the page's requests and responses pass through this code` });
      }),
    );
  },
};
