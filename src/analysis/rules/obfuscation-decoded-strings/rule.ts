import type { AstNode, Rule } from '../../types.js';
import { HOLE, unwrap } from '../_ast/values.js';
import { fileModel } from '../_static/file-model.js';
import { isFunction, patternNames } from '../_static/flow.js';
import { decodeKind } from '../_static/sinks.js';
import { shapeOf } from '../_static/strings.js';
import { preview } from '../_static/visitors.js';

/** A decoded value worth hiding on its own: a URL, a path, a module or API name. */
const TELLING = /:\/\/|^(?:\.{1,2}\/|\/|~\/)|^(?:child_process|https?|net|dns|fs|os|vm|eval|exec\w*|spawn\w*|env|_compile|country\w*)$/;
const MIN_STRINGS = 3;
const DECODING_CALLS = new Set(['toString', 'atob', 'fromCharCode', 'fromCodePoint', 'join', 'decodeURIComponent', 'unescape']);

/**
 * String literals kept encoded in the source and decoded where they are used:
 * `Buffer.from('Li4vLi4v', 'base64').toString()` (node-ipc's `../../`), `h('2e2f746573742f64617461')`
 * with `h` a hex decoder (flatmap-stream's `./test/data`), `atob('…')`, reversed strings, char-code
 * lists. Text that is decoded back to text was encoded only to hide it from a reader or a grep.
 * Reported from three such strings, or from one that spells a URL, a path or a sensitive name.
 * Binary constants (images, WebAssembly, magic numbers) decode to bytes and are not counted.
 */
export const rule: Rule = {
  meta: {
    id: 'obfuscation-decoded-strings',
    severity: 'medium',
    category: 'obfuscation',
    confidence: 'medium',
    description: 'Keeps strings (URLs, paths, API names) base64/hex/char-code encoded in the source and decodes them where they are used',
    needles: ['base64', 'atob', 'fromCharCode', 'hex', 'reverse'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    return model.visitor({
      'Program:exit': () => {
        const decoders = new Map<AstNode, string | undefined>();
        const decoderOf = (callee: AstNode, scope: (typeof model.calls)[number]['scope']): string | undefined => {
          if (callee.type !== 'Identifier') return undefined;
          for (const b of model.scopes.resolve(scope, callee.name)) {
            const fn = b.value ? unwrap(b.value) : undefined;
            if (!fn || !isFunction(fn)) continue;
            if (!decoders.has(fn)) decoders.set(fn, decodesParam(fn));
            const kind = decoders.get(fn);
            if (kind) return kind;
          }
          return undefined;
        };
        const found: { node: AstNode; value: string; how: string }[] = [];
        const inside = (n: AstNode) => found.some((f) => f.node.start <= n.start && n.end <= f.node.end);
        for (const call of model.calls) {
          const n = call.node;
          if (n.type !== 'CallExpression' || inside(n)) continue;
          let value: string | undefined;
          let how: string | undefined;
          const callee = unwrap(n.callee as AstNode);
          const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
          // Only calls that can decode: decoders' names, or local functions (checked below).
          if (callee.type !== 'Identifier' && !DECODING_CALLS.has(name)) continue;
          const arg = n.arguments[0] ? unwrap(n.arguments[0] as AstNode) : undefined;
          // A local decoder matters only when it is given a string literal.
          const decoder = arg?.type === 'Literal' && typeof arg.value === 'string' ? decoderOf(callee, call.scope) : undefined;
          if (decoder && arg?.type === 'Literal' && typeof arg.value === 'string') {
            value = decode(arg.value, decoder);
            how = decoder;
          } else if (callee.type !== 'Identifier' || callee.name === 'atob') {
            // Of the calls of a plain name, only atob() has a decoded shape (strings.ts): skip the others.
            const s = shapeOf(n, model.resolver(call.scope));
            if (s?.decoded && !s.value.includes(HOLE)) {
              value = s.value;
              how = s.decoded;
            }
          }
          if (value === undefined || how === undefined || !isText(value, how)) continue;
          found.push({ node: n as AstNode, value, how });
        }
        if (found.length === 0 || (found.length < MIN_STRINGS && !found.some((f) => TELLING.test(f.value)))) return;
        const kinds = [...new Set(found.map((f) => f.how))].join('/');
        const examples = found.slice(0, 4).map((f) => `"${preview(f.value, 30)}"`).join(', ');
        ctx.report({ node: found[0]!.node, message: `decodes ${found.length} string${found.length > 1 ? 's' : ''} kept as ${kinds} in the source: ${examples}` });
      },
    });
  },
};

/** How a local function decodes its first parameter (`function h(s) { return Buffer.from(s, 'hex').toString(); }`), if it does. */
function decodesParam(fn: AstNode): string | undefined {
  const params = (fn as { params: AstNode[] }).params;
  const param = params[0] ? patternNames(params[0])[0] : undefined;
  return param ? findDecode((fn as { body: AstNode }).body, param) : undefined;
}

/** The decoding a function body applies to `param` (base64 or hex), if any. */
function findDecode(body: AstNode, param: string): string | undefined {
  const stack: AstNode[] = [body];
  let budget = 400;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    const kind = decodeKind(n);
    if ((kind === 'base64' || kind === 'hex') && n.type === 'CallExpression' && n.arguments[0]) {
      const a = unwrap(n.arguments[0] as AstNode);
      if (a.type === 'Identifier' && a.name === param) return kind;
    }
    for (const key of Object.keys(n)) {
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) v.forEach((x) => x && typeof x === 'object' && 'type' in x && stack.push(x as AstNode));
      else if (v && typeof v === 'object' && 'type' in v) stack.push(v as AstNode);
    }
  }
  return undefined;
}

function decode(data: string, kind: string): string | undefined {
  if (kind === 'hex') return /^(?:[0-9a-fA-F]{2})+$/.test(data) ? Buffer.from(data, 'hex').toString('utf8') : undefined;
  return /^[A-Za-z0-9+/=_-]+$/.test(data) ? Buffer.from(data, 'base64').toString('utf8') : undefined;
}

/** Printable text with at least one letter or slash: what a hidden string decodes to (not bytes). */
function isText(value: string, how: string): boolean {
  if (value.length < (how === 'char codes' ? 3 : 1)) return false;
  if (!/[A-Za-z/]/.test(value)) return false;
  const printable = value.match(/[\t\n\r\x20-\x7e\u00a0-\uffff]/g)?.length ?? 0;
  return printable === value.length && !value.includes('\ufffd');
}
