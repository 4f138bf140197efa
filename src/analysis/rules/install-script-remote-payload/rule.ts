import type { Rule } from '../../types.js';
import { installPlan } from '../_static/install-plan.js';
import { reportInstallShellHits } from '../_static/install-report.js';
import { classifyShell } from '../_static/shell.js';
import { preview } from '../_static/visitors.js';

/**
 * An install script that fetches or decodes a payload and runs it: `curl … | sh`,
 * `bash -c "$(wget -O- …)"`, `irm … | iex`, `powershell -enc …`, `certutil -urlcache`,
 * `echo … | base64 -d | sh`, the Bun installer (Shai-Hulud 2.0). Checked in the lifecycle
 * scripts, the `npm run` scripts they call, the shell/batch/PowerShell files they run, and the
 * `<!(…)` command expansions of a `binding.gyp` that node-gyp runs at install.
 */
export const rule: Rule = {
  meta: {
    id: 'install-script-remote-payload',
    severity: 'critical',
    category: 'install-script',
    confidence: 'high',
    description: 'An install script downloads or decodes a payload and runs it (curl|sh, iwr|iex, powershell -enc, certutil -urlcache, base64 -d|sh, Bun installer)',
  },
  checkPackage(ctx) {
    const plan = installPlan(ctx);
    const accept = (h: { kind: string; match: string }) =>
      h.kind === 'remote-exec' || h.kind === 'encoded-exec' || h.kind === 'lolbin-download' || (h.kind === 'bun' && h.match.includes('bun.sh'));
    reportInstallShellHits(ctx, plan, accept);
    // node-gyp expands <!(cmd) and <!@(cmd) in binding.gyp by running cmd, at install time.
    const files = new Set(ctx.pkg.files);
    const hooks = plan.commands.map((c) => c.hook);
    const gypRuns = files.has('binding.gyp') && (!hooks.includes('install') && !hooks.includes('preinstall') ? true : plan.commands.some((c) => /node-gyp|prebuild|cmake-js/.test(c.command)));
    if (!gypRuns) return;
    const gyp = ctx.readFile('binding.gyp');
    if (gyp === undefined) return;
    for (const m of gyp.matchAll(/<!@?\(([^)]*(?:\([^)]*\)[^)]*)*)\)/g)) {
      for (const hit of classifyShell(m[1]!)) {
        if (!accept(hit)) continue;
        ctx.report({ file: 'binding.gyp', offset: m.index, message: `binding.gyp command expansion (run by node-gyp at install) ${hit.message}: ${preview(hit.match, 100)}` });
      }
    }
  },
};
