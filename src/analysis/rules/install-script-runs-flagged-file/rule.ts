import { analyzeFile } from '../../engine.js';
import type { Finding, PackageInfo, Rule } from '../../types.js';
import { installPlan } from '../_static/install-plan.js';
import { commandLocation } from '../_static/install-report.js';
import { payloadRules } from './payload-rules.js';

/**
 * An install script that runs a file of the package (or inline `node -e` code) which is itself a
 * payload: obfuscated (the `is` 2025 `check.js`, coa/rc's `compile.js`), decoding and running
 * code, spawning `curl | bash` or `rundll32` (Shai-Hulud 2.0's `setup_bun.js`, the
 * eslint-config-prettier `install.js`), evaluating a download (eslint-scope's `build.js`). Code
 * that runs on `npm install` with the user's rights and no review is the worst place for any of that.
 */
export const rule: Rule = {
  meta: {
    id: 'install-script-runs-flagged-file',
    severity: 'high',
    category: 'install-script',
    confidence: 'high',
    description: 'An install script runs a file or inline code that other rules flag (obfuscated, decodes and runs code, spawns a download-and-run command)',
  },
  checkPackage(ctx) {
    const plan = installPlan(ctx);
    for (const f of plan.files) {
      if (f.language !== 'js') continue;
      const findings = payloadFindings(ctx.pkg, f.path, f.text);
      if (findings.length) ctx.report({ ...commandLocation(ctx, f.command), message: `${f.via}, which ${describe(findings, f.path)}` });
    }
    plan.inline.forEach((code, i) => {
      if (code.runner !== 'node' && code.runner !== 'bun') return;
      const findings = payloadFindings(ctx.pkg, `${code.hook}-inline-${i}.js`, code.code);
      if (findings.length) ctx.report({ ...commandLocation(ctx, code.command), message: `${code.via} runs inline code that ${describe(findings)}` });
    });
  },
};

/** Medium- and high-confidence findings of the payload rules on one file (cached per package). */
const cache = new WeakMap<PackageInfo, Map<string, Finding[]>>();

function payloadFindings(pkg: PackageInfo, path: string, text: string): Finding[] {
  let perPkg = cache.get(pkg);
  if (!perPkg) cache.set(pkg, (perPkg = new Map()));
  const hit = perPkg.get(path);
  if (hit) return hit;
  const found: Finding[] = [];
  analyzeFile(pkg, { path, text }, payloadRules, found);
  const strong = found.filter((f) => f.confidence !== 'low' && f.severity !== 'info' && f.severity !== 'low' && f.category !== 'unparseable');
  perPkg.set(path, strong);
  return strong;
}

function describe(findings: Finding[], file?: string): string {
  const parts = findings.slice(0, 3).map((f) => `${f.message} [${f.rule}${file && f.line ? ` at ${file}:${f.line}` : ''}]`);
  const more = findings.length > 3 ? ` and ${findings.length - 3} more` : '';
  return `${parts.join('; ')}${more}`;
}

