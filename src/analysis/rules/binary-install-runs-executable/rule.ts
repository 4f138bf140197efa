import type { Rule } from '../../types.js';
import { installPlan } from '../_static/install-plan.js';
import { commandLocation, kinds, reportInstallShellHits } from '../_static/install-report.js';
import { normalizePath, simpleCommands } from '../_static/scripts.js';

/** Extensions Windows runs directly, and scripts that are a second stage rather than a build step. */
const RUNNABLE = /\.(?:exe|com|scr|pif|dll|bat|cmd|vbs|vbe|hta|msi|jar)$/i;

/**
 * An install script that runs an executable: one the package ships (ua-parser-js 2021's
 * `jsextension.exe`, `preinstall.bat`; coa/rc's `compile.bat`), one it just downloaded
 * (`curl -o x … && chmod +x x && ./x`), a DLL through rundll32/regsvr32 (eslint-config-prettier
 * 2025), or a script through mshta/wscript. JavaScript files run by the install script count too
 * when they name a shipped executable. Build steps run tools by name (`node-gyp`), not files.
 */
export const rule: Rule = {
  meta: {
    id: 'binary-install-runs-executable',
    severity: 'high',
    category: 'binary',
    confidence: 'high',
    description: 'An install script runs a shipped or downloaded executable, a batch file, or a DLL via rundll32/regsvr32',
  },
  checkPackage(ctx) {
    const { pkg } = ctx;
    const plan = installPlan(ctx);
    reportInstallShellHits(ctx, plan, kinds('lolbin-exec', 'run-downloaded'));
    const executables = new Set(pkg.executables);
    const files = new Set(pkg.files);
    const isRunnable = (word: string) => {
      const p = normalizePath(word.replace(/\\/g, '/').replace(/^\.\//, ''));
      return executables.has(p) || (RUNNABLE.test(p) && files.has(p));
    };
    for (const c of plan.commands) {
      for (const words of simpleCommands(c.command)) {
        const start = words.findIndex((w) => !/^(?:start|\/b|\/min|""|cmd(?:\.exe)?|\/[cks])$/i.test(w) && !/^[A-Za-z_]\w*=/.test(w));
        const program = words[start];
        if (program !== undefined && isRunnable(program)) ctx.report({ ...commandLocation(ctx, c.command), message: `${c.via} runs the shipped executable ${program}` });
      }
    }
    for (const f of plan.files) {
      if (f.language === 'script') {
        for (const line of f.text.split(/\r?\n/)) {
          for (const words of simpleCommands(line)) {
            const program = words.find((w) => !/^(?:start|\/b|call|@?echo|""|cmd(?:\.exe)?|\/[cks])$/i.test(w));
            if (program !== undefined && isRunnable(program)) ctx.report({ file: f.path, offset: f.text.indexOf(line), message: `${f.via} runs the shipped executable ${program}` });
          }
        }
        continue;
      }
      if (f.language !== 'js') continue;
      // A JS file run at install that names a shipped executable in a string. Naming is not running
      // (runtime installers such as bun's copy or verify their own binary this way): medium
      // confidence, suspicious alone, malicious with another harmful signal.
      for (const m of f.text.matchAll(/(['"`])(?:\.\/)?([\w@./-]+)\1/g)) {
        const name = m[2]!;
        const base = f.path.includes('/') ? normalizePath(`${f.path.replace(/[^/]*$/, '')}${name}`) : normalizePath(name);
        if (executables.has(base) || executables.has(normalizePath(name)) || (/\.(?:exe|dll|bat|cmd|scr|vbs)$/i.test(name) && (files.has(base) || files.has(normalizePath(name))))) {
          ctx.report({ file: f.path, offset: m.index, message: `${f.via} names the shipped executable ${name}, run at install`, confidence: 'medium' });
          break;
        }
      }
    }
  },
};
