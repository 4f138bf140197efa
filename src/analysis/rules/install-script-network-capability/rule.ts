import type { Rule } from '../../types.js';
import { installPlan } from '../_static/install-plan.js';
import { commandLocation } from '../_static/install-report.js';
import { NETWORK_TEXT } from '../_static/modules.js';

/**
 * An install script that runs code which uses the network. Prebuilt-binary installers (esbuild,
 * sharp, @sentry/cli, puppeteer) do this legitimately, so it is a low-confidence note; it matters
 * together with other findings (an install-time file that also reads credentials is exfiltration at
 * install, and the verdict combines them).
 */
export const rule: Rule = {
  meta: {
    id: 'install-script-network-capability',
    severity: 'medium',
    category: 'install-script',
    confidence: 'low',
    description: 'An install script runs a file or inline code that makes network requests',
  },
  checkPackage(ctx) {
    const plan = installPlan(ctx);
    for (const f of plan.files) {
      if (f.language === 'js' && NETWORK_TEXT.test(f.text)) ctx.report({ ...commandLocation(ctx, f.command), message: `${f.via}, which makes network requests` });
    }
    for (const code of plan.inline) {
      if ((code.runner === 'node' || code.runner === 'bun') && NETWORK_TEXT.test(code.code)) ctx.report({ ...commandLocation(ctx, code.command), message: `${code.via} runs inline code that makes network requests` });
    }
  },
};
