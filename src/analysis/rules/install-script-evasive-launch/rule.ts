import type { Rule } from '../../types.js';
import { installPlan } from '../_static/install-plan.js';
import { reportInstallShellHits } from '../_static/install-report.js';

/**
 * Install scripts that launch code in ways that dodge attention: with Bun, a second runtime most
 * users do not have (`bun run tanstack_runner.js`, TanStack 2026), in the background so it outlives
 * `npm install` (`start /B node compile.js`, coa/rc 2021; `nohup`, a trailing `&`), or followed by
 * `&& exit 1`, which makes an optional git dependency fail silently after its payload ran.
 */
export const rule: Rule = {
  meta: {
    id: 'install-script-evasive-launch',
    severity: 'high',
    category: 'install-script',
    confidence: 'medium',
    description: 'An install script runs code with Bun, in the background (start /B, nohup, &), or runs a file and then fails on purpose (&& exit 1)',
  },
  checkPackage(ctx) {
    const plan = installPlan(ctx);
    reportInstallShellHits(ctx, plan, (h) => h.kind === 'background' || h.kind === 'masked-failure' || (h.kind === 'bun' && !h.match.includes('bun.sh')));
  },
};
