import type { AstNode, Rule } from '../../types.js';
import { unwrap } from '../_ast/values.js';
import { fileModel } from '../_static/file-model.js';
import { Taint } from '../_static/flow.js';
import { isNetworkCall, NETWORK_TEXT } from '../_static/modules.js';
import { isStaticCode } from '../_static/sinks.js';

/**
 * Code fetched over the network and run: the eslint-scope 2018 payload did
 * `https.get(pastebin, r => r.on('data', c => eval(c)))`; loaders do
 * `fetch(u).then(r => r.text()).then(eval)` or `exec(await (await fetch(u)).text())`; reverse shells
 * pipe socket data into `child_process`. A library that loads code from a server at runtime, rather
 * than shipping it, hands that server control of every machine it runs on.
 */
export const rule: Rule = {
  meta: {
    id: 'dynamic-code-remote-eval',
    severity: 'critical',
    category: 'dynamic-code',
    confidence: 'high',
    description: 'Runs code or a command received over the network (eval, Function, vm, module._compile or child_process of a response body or socket data)',
    needles: ['eval', 'Function', 'runIn', 'Script', '_compile', 'exec', 'spawn', 'compileFunction'],
  },
  create(ctx) {
    if (!ctx.ast || !NETWORK_TEXT.test(ctx.file.text)) return {};
    const model = fileModel(ctx);
    const direct: { node: AstNode; label: string }[] = [];
    return model.visitor({
      'Program:exit': () => {
        const taint = new Taint(model.scopes, { isSource: (n) => isNetworkCall(n, model.mods) });
        for (const call of model.calls) {
          const n = call.node;
          // fetch(u).then(r => r.text()).then(eval) ; socket.on('data', eval)
          if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
            const passed = n.arguments.find((a) => a.type === 'Identifier' && a.name === 'eval');
            if (passed && taint.sourceOf(n.callee.object as AstNode, call.scope)) direct.push({ node: n as AstNode, label: 'eval' });
          }
          const sink = model.sink(call);
          if (!sink || sink.kind === 'require') continue;
          for (const arg of sink.args) {
            if (isStaticCode(arg)) continue;
            // A command line that merely contains a downloaded value (a file name) is not a downloaded command.
            const a = unwrap(arg);
            if (sink.kind === 'exec' && (a.type === 'TemplateLiteral' || a.type === 'BinaryExpression' || a.type === 'ArrayExpression')) continue;
            if (sink.kind === 'exec' && sink.args.indexOf(arg) > 0) continue;
            const source = taint.sourceOf(arg, call.scope);
            if (!source) continue;
            ctx.report({ node: n as AstNode, message: `${sink.label} runs data received over the network (${ctx.source(source as AstNode).slice(0, 60).replace(/\s+/g, ' ')})` });
            break;
          }
        }
        for (const d of direct) ctx.report({ node: d.node, message: `passes a network response straight to ${d.label}` });
      },
    });
  },
};
