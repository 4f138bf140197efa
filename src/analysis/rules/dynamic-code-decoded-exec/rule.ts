import type { AstNode, Rule } from '../../types.js';
import { unwrap } from '../_ast/values.js';
import { fileModel } from '../_static/file-model.js';
import { Taint } from '../_static/flow.js';
import { decodeKind, isStaticCode } from '../_static/sinks.js';
import { shapeOf } from '../_static/strings.js';
import { preview } from '../_static/visitors.js';

/**
 * Code or a command decoded at runtime and then run: `eval(atob('…'))`,
 * `new Function(Buffer.from(x, 'base64').toString())`, `exec(String.fromCharCode(…))`,
 * `require(hexDecode('2e2f746573742f64617461'))` and `module._compile(decipher.update(…))`
 * (flatmap-stream, event-stream 2018). Benign code decodes data and runs code, but essentially
 * never runs what it just decoded.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-decoded-exec',
    severity: 'critical',
    category: 'dynamic-code',
    confidence: 'high',
    description: 'Runs code or a command decoded at runtime (base64, hex, char codes, a cipher, a reversed string) with eval, Function, vm, module._compile, child_process or require',
    needles: ['base64', 'atob', 'fromCharCode', 'fromCodePoint', 'hex', 'createDecipher', 'reverse', 'unescape'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        const taint = new Taint(model.scopes, { isSource: (n) => decodeKind(n) !== undefined });
        for (const call of model.sinkSites()) {
          const sink = model.sink(call);
          if (!sink) continue;
          for (const arg of sink.args) {
            if (isStaticCode(arg)) continue;
            const source = taint.sourceOf(arg, call.scope);
            if (!source) continue;
            const kind = decodeKind(source) ?? 'decoded';
            const shape = shapeOf(unwrap(arg), model.resolver(call.scope));
            const shown = shape?.decoded ? `: "${preview(shape.value, 60)}"` : '';
            const at = source.start < call.node.start || source.end > call.node.end ? ` (decoded at line ${lineOf(ctx.file.text, source.start)})` : '';
            ctx.report({ node: call.node as AstNode, message: `${sink.label} runs content decoded from ${kind}${shown}${at}` });
            break;
          }
        }
      },
    });
  },
};

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
