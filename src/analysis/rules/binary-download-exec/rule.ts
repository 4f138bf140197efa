import type { AstNode, Rule } from '../../types.js';
import { unwrap } from '../_ast/values.js';
import { type CallSite, fileModel, type FileModel } from '../_static/file-model.js';
import { fsApi, isNetworkCall } from '../_static/modules.js';
import { classifyShell } from '../_static/shell.js';

import { shapeOf, shown } from '../_static/strings.js';

const CHMOD = new Set(['chmod', 'chmodSync', 'fchmod', 'fchmodSync', 'lchmod', 'lchmodSync']);
const WRITE_WITH_MODE = new Set(['writeFile', 'writeFileSync', 'createWriteStream', 'open', 'openSync', 'copyFile', 'copyFileSync']);

/** A mode literal with any execute bit: 0o755, 493, '755', '+x'. */
function executableMode(node: AstNode | undefined, model: FileModel, scope: Parameters<FileModel['resolver']>[0]): boolean {
  if (!node) return false;
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'number') return (n.value & 0o111) !== 0;
  if (n.type === 'ObjectExpression') {
    const mode = n.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'mode');
    return mode?.type === 'Property' ? executableMode(mode.value as AstNode, model, scope) : false;
  }
  const s = shapeOf(n, model.resolver(scope))?.value;
  if (s === undefined) return false;
  if (/^0?o?[0-7]{3,4}$/.test(s)) return (parseInt(s.replace(/^0?o?/, ''), 8) & 0o111) !== 0;
  return /\+x/.test(s);
}

/** `chmod +x`/`chmod 755` in a shell command line. */
const CHMOD_LINE = /\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rwX]*x|0?[0-7]*[1357][0-7]{0,2})\b/;

/** An fs call that sets an execute bit: chmod with such a mode, or a write/open/copy with one. */
function makesExecutable(call: CallSite, model: FileModel): boolean {
  const api = fsApi(model.calleeRef(call));
  if (!api || !(CHMOD.has(api) || WRITE_WITH_MODE.has(api))) return false;
  const n = call.node;
  const args = n.type === 'CallExpression' || n.type === 'NewExpression' ? (n.arguments as AstNode[]) : [];
  return CHMOD.has(api) ? executableMode(args[1], model, call.scope) : args.slice(1).some((a) => executableMode(a, model, call.scope));
}

/** The command line a call runs (its program and arguments as far as they are static), for a call that starts a process. */
function commandLine(call: CallSite, model: FileModel): string | undefined {
  const sink = model.sink(call);
  if (sink?.kind !== 'exec') return undefined;
  return shown(sink.args.map((a) => shapeOf(unwrap(a), model.resolver(call.scope))?.value ?? '\u0000').join(' '));
}

/**
 * One file that downloads something, makes a file executable and starts a process: the shape of a
 * dropper (Shai-Hulud 1 fetched TruffleHog this way; countless malware packages fetch a RAT).
 * Prebuilt-binary installers have the same shape; those that verify the download against a pinned
 * hash (esbuild's install.js) are left alone, the rest get a medium-confidence finding.
 */
export const rule: Rule = {
  meta: {
    id: 'binary-download-exec',
    severity: 'high',
    category: 'binary',
    confidence: 'medium',
    description: 'Downloads a file, makes it executable (chmod) and starts a process, in one file',
    needles: ['chmod', 'mode'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    // A download checked against a pinned digest is a prebuilt-binary installer, not a dropper.
    if (/\bcreateHash\s*\(/.test(ctx.file.text) && /\.digest\s*\(/.test(ctx.file.text)) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        // Most files that say "mode" make nothing executable: look for that first, and for the
        // download and the process (a check of every call) only in a file that does.
        if (!model.calls.some((call) => makesExecutable(call, model) || CHMOD_LINE.test(commandLine(call, model) ?? ''))) return;
        let network: AstNode | undefined;
        let chmod: AstNode | undefined;
        let exec: AstNode | undefined;
        for (const call of model.calls) {
          const n = call.node;
          if (!network && isNetworkCall(n, model.mods, () => model.calleeRef(call))) network = n;
          if (!chmod && makesExecutable(call, model)) chmod = n;
          const line = commandLine(call, model);
          if (line === undefined) continue;
          if (!chmod && CHMOD_LINE.test(line)) chmod = n;
          else if (!network && classifyShell(line).some((h) => h.kind === 'download' || h.kind === 'run-downloaded' || h.kind === 'lolbin-download')) network = n;
          else if (!exec) exec = n;
        }
        if (network && chmod && exec) {
          const line = (node: AstNode) => ctx.file.text.slice(0, node.start).split('\n').length;
          ctx.report({ node: chmod, message: `downloads (line ${line(network)}), makes a file executable (here) and starts a process (line ${line(exec)})` });
        }
      },
    });
  },
};
