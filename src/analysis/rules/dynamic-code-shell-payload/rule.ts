import type { AstNode, Rule } from '../../types.js';
import { HOLE, unwrap } from '../_ast/values.js';
import { fileModel } from '../_static/file-model.js';
import { classifyShell, type ShellKind } from '../_static/shell.js';

import { shapeOf, shown } from '../_static/strings.js';
import { preview } from '../_static/visitors.js';

/** What a spawned command line must do to be reported here (destructive commands are `destructive-wipe-home`). */
const PAYLOAD: ReadonlySet<ShellKind> = new Set(['remote-exec', 'encoded-exec', 'lolbin-download', 'lolbin-exec', 'run-downloaded']);

/**
 * `child_process` running a command that fetches and runs a payload: `execSync('curl -fsSL
 * https://bun.sh/install | bash')` (Shai-Hulud 2.0's setup_bun.js), `spawn('rundll32',
 * [dll + ',main'])` (eslint-config-prettier 2025), `exec('powershell -enc …')`, `certutil
 * -urlcache`. The command is resolved through constants, concatenations and decoding first.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-shell-payload',
    severity: 'critical',
    category: 'dynamic-code',
    confidence: 'high',
    description: 'Spawns a shell command that downloads and runs a payload (curl|sh, iwr|iex, powershell -enc, certutil, rundll32, Bun installer)',
    needles: ['child_process', 'execa', 'cross-spawn', 'shelljs', 'exec', 'spawn'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        for (const call of model.sinkSites()) {
          const sink = model.sink(call);
          if (sink?.kind !== 'exec') continue;
          const resolve = model.resolver(call.scope);
          const line = sink.args.map((a) => shapeOf(unwrap(a), resolve)?.value ?? HOLE).join(' ');
          if (line.replaceAll(HOLE, '').trim() === '') continue;
          const hit = classifyShell(shown(line)).find((h) => PAYLOAD.has(h.kind) || (h.kind === 'bun' && /bun\.sh/.test(h.match)));
          if (hit) ctx.report({ node: call.node as AstNode, message: `${sink.label} ${hit.message}: ${preview(hit.match, 100)}` });
        }
      },
    });
  },
};
