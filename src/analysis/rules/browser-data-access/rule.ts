import type { Rule } from '../../types.js';
import { mergeVisitors, secretFileVisitor, trackers } from '../_ast/index.js';

/**
 * Access to browser profile secrets: Chromium's `Login Data` (saved passwords), `Cookies`,
 * `Web Data` and `Local State` (the key that decrypts them), Firefox's `logins.json` and
 * `key4.db`. Info-stealers published to npm copy these files to read them with SQLite. Cookie
 * tools for browser automation read them on purpose, so a hit is strong but not proof (medium
 * confidence); with exfiltration it is an attack.
 */
export const rule: Rule = {
  meta: {
    id: 'browser-data-access',
    severity: 'high',
    category: 'credential-harvesting',
    confidence: 'medium',
    description: "Reads browser profile secrets (Chromium Login Data/Cookies/Local State, Firefox logins.json/key4.db)",
    needles: ['Login Data', 'Local State', 'Cookies', 'Web Data', 'key4.db', 'key3.db', 'logins.json'],
  },
  create(ctx) {
    const t = trackers(ctx);
    const s = secretFileVisitor(ctx, t.aliases, t.bindings);
    return mergeVisitors(t.visitor, s.visitor, {
      'Program:exit': () => {
        const e = s.evidence;
        const browser = [...e.reads, ...e.mentions].filter((u) => u.secret.class === 'browser');
        if (browser.length === 0 || !(e.readsFiles || e.reads.length > 0)) return;
        const kinds = [...new Set(browser.map((w) => w.secret.kind))];
        const first = browser.reduce((a, b) => (b.node.start < a.node.start ? b : a));
        ctx.report({ node: first.node, message: `reads browser profile secrets: ${kinds.join(', ')}` });
      },
    });
  },
};
