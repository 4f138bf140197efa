import type { AstNode, Rule } from '../../types.js';
import { HOLE, unwrap } from '../_ast/values.js';
import { fileModel, type FileModel } from '../_static/file-model.js';
import type { Scope } from '../_static/flow.js';
import { installPlan } from '../_static/install-plan.js';
import { reportInstallShellHits } from '../_static/install-report.js';
import { fsApi } from '../_static/modules.js';
import { classifyShell } from '../_static/shell.js';

import { shapeOf, shown } from '../_static/strings.js';
import { preview } from '../_static/visitors.js';

/** Files every new shell (or login) runs. */
const STARTUP = /(?:^|[/\\])\.(?:bashrc|zshrc|profile|bash_profile|bash_login|zprofile|zshenv|kshrc|cshrc|tcshrc)$|config\.fish$|Microsoft\.PowerShell_profile\.ps1$/i;
/** Commands that make every new shell useless or harmful. */
const SABOTAGE = /\b(?:sudo\s+)?(?:shutdown|poweroff|halt|reboot)\b|\binit\s+[06]\b|\bkill\s+-9\s+-1\b|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|^\s*exit\b/m;
const WRITES = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'outputFile', 'outputFileSync']);

/**
 * Writing a command that shuts the machine down (or kills every process, or exits) into a shell
 * startup file: nx 21.5.0 / s1ngularity (August 2025) appended `sudo shutdown -h 0` to `~/.bashrc`
 * and `~/.zshrc`, so every new terminal powered the machine off. No tool has a reason to put that
 * in someone's shell profile.
 */
export const rule: Rule = {
  meta: {
    id: 'destructive-shell-startup-sabotage',
    severity: 'critical',
    category: 'destructive',
    confidence: 'high',
    description: 'Writes a shutdown, kill-all or exit command into a shell startup file (~/.bashrc, ~/.zshrc, ~/.profile)',
    // The startup files' names (STARTUP) as they appear in a path: 'profile' alone is in half of
    // all JavaScript (profilers, user profiles), '.profile' and '_profile' (bash_profile,
    // PowerShell_profile) are not.
    needles: ['.bashrc', '.zshrc', '.profile', '_profile', '.zprofile', '.bash_login', '.zshenv', '.kshrc', '.cshrc', '.tcshrc', 'config.fish'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        for (const call of model.calls) {
          const n = call.node;
          if (n.type !== 'CallExpression') continue;
          const api = fsApi(model.calleeRef(call));
          const args = n.arguments as AstNode[];
          if (api && WRITES.has(api) && args.length >= 2) {
            const content = shapeOf(args[1]!, model.resolver(call.scope))?.value;
            const target = staticStrings(args[0]!, model, call.scope).find((s) => STARTUP.test(s.replace(/\/+$/, '')));
            if (content !== undefined && target && SABOTAGE.test(content.replaceAll(HOLE, ''))) {
              ctx.report({ node: n as AstNode, message: `writes "${preview(content.trim(), 40)}" into the shell startup file ~/${target.replace(/^.*[/\\]/, '')}` });
            }
            continue;
          }
          const sink = model.sink(call);
          if (sink?.kind !== 'exec') continue;
          const line = shown(sink.args.map((a) => shapeOf(unwrap(a), model.resolver(call.scope))?.value ?? HOLE).join(' '));
          const hit = classifyShell(line).find((h) => h.kind === 'startup-sabotage');
          if (hit) ctx.report({ node: n as AstNode, message: `${sink.label} ${hit.message}: ${preview(hit.match, 80)}` });
        }
      },
    });
  },
  checkPackage(ctx) {
    reportInstallShellHits(ctx, installPlan(ctx), (h) => h.kind === 'startup-sabotage');
  },
};

/**
 * The static strings a path expression can be made of, following names to their values and loop
 * variables to the arrays they iterate: `path.join(os.homedir(), rc)` inside
 * `for (const rc of ['.bashrc', '.zshrc'])` gives `['\0/.bashrc', '\0/.zshrc']`.
 */
function staticStrings(node: AstNode, model: FileModel, scope: Scope): string[] {
  const whole = shapeOf(node, model.resolver(scope));
  const out = whole ? [whole.value] : [];
  const seen = new Set<AstNode>();
  const visit = (n: AstNode, s: Scope, depth: number) => {
    if (depth > 6 || seen.has(n)) return;
    seen.add(n);
    const u = unwrap(n);
    if (u.type === 'Literal' && typeof u.value === 'string') out.push(u.value);
    else if (u.type === 'Identifier') {
      for (const b of model.scopes.resolve(s, u.name)) if (b.value) visit(b.value, b.valueScope ?? b.scope, depth + 1);
    } else if (u.type === 'ArrayExpression') u.elements.forEach((e) => e && e.type !== 'SpreadElement' && visit(e as AstNode, s, depth + 1));
    else if (u.type === 'CallExpression') u.arguments.forEach((a) => a.type !== 'SpreadElement' && visit(a as AstNode, s, depth + 1));
    else if (u.type === 'TemplateLiteral') u.expressions.forEach((e) => visit(e as AstNode, s, depth + 1));
    else if (u.type === 'BinaryExpression') [u.left, u.right].forEach((e) => visit(e as AstNode, s, depth + 1));
  };
  visit(node, scope, 0);
  return out;
}
