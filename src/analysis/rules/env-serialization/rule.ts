import type { AstNode, Rule } from '../../types.js';
import { memberPath, mergeVisitors, propertyName, trackers, unwrap } from '../_ast/index.js';

/** Calls that serialise or enumerate their argument. */
const SERIALIZERS: Record<string, string> = {
  'JSON.stringify': 'serialises',
  'util.inspect': 'serialises',
  'Buffer.from': 'encodes',
  btoa: 'encodes',
  'querystring.stringify': 'serialises',
  'qs.stringify': 'serialises',
  'Object.keys': 'enumerates',
  'Object.values': 'enumerates',
  'Object.entries': 'enumerates',
};

const SERIALIZER_METHODS = new Set(Object.keys(SERIALIZERS).map((k) => k.slice(k.lastIndexOf('.') + 1)));

/**
 * The whole environment serialised or enumerated: `JSON.stringify(process.env)`,
 * `Object.entries(process.env)`, `for (k in process.env)`. CI tokens, cloud keys and npm tokens
 * live in the environment; the nx "s1ngularity" and Shai-Hulud payloads (incidents.md §3, §5)
 * collected all of it. Config loaders enumerate it too (to pick `VITE_*` variables), so this is a
 * capability (low confidence); secrets-sent-over-network reports the environment actually leaving.
 */
export const rule: Rule = {
  meta: {
    id: 'env-serialization',
    severity: 'medium',
    category: 'credential-harvesting',
    confidence: 'low',
    description: 'Serialises or enumerates the whole process.env (JSON.stringify, Object.entries, for…in)',
    needles: ['process.env', 'process["env"]', "process['env']"],
  },
  create(ctx) {
    const t = trackers(ctx);
    /** Names bound to the environment object itself: `const env = process.env`. */
    const envNames = new Set<string>();
    const isEnv = (node: AstNode | null | undefined): boolean => {
      if (!node) return false;
      const n = unwrap(node);
      if (memberPath(n, t.bindings) === 'process.env') return true;
      if (n.type === 'Identifier') return envNames.has(n.name);
      // { ...process.env, extra } and { env: process.env }
      if (n.type === 'ObjectExpression') return n.properties.some((p) => (p.type === 'SpreadElement' ? isEnv(p.argument as AstNode) : isEnv(p.value as AstNode)));
      return false;
    };
    /** Cheap necessary condition for `memberPath(node) === 'process.env'`: a member `.env`, or `require('…')`. */
    const mayBeEnv = (node: AstNode): boolean => {
      const n = unwrap(node);
      return n.type === 'MemberExpression' ? propertyName(n, t.bindings) === 'env' : n.type === 'CallExpression';
    };
    /**
     * Cheap necessary condition for a serializer callee: a member call resolves to a dotted name
     * that ends in its property name, so only `stringify`, `inspect`, `from`, `keys`, `values` or
     * `entries` can be one; other callees are resolved in full.
     */
    const maySerialize = (c: AstNode & { type: 'CallExpression' }): boolean => {
      let callee = unwrap(c.callee as AstNode);
      if (callee.type === 'SequenceExpression') callee = unwrap(callee.expressions[callee.expressions.length - 1] as AstNode);
      if (callee.type !== 'MemberExpression') return true;
      const prop = propertyName(callee, t.bindings);
      return prop !== undefined && SERIALIZER_METHODS.has(prop.slice(prop.lastIndexOf('.') + 1));
    };
    return mergeVisitors(t.visitor, {
      VariableDeclarator: (node) => {
        const d = node as AstNode & { type: 'VariableDeclarator' };
        if (d.id.type === 'Identifier' && d.init && mayBeEnv(d.init as AstNode) && memberPath(d.init as AstNode, t.bindings) === 'process.env') envNames.add(d.id.name);
      },
      CallExpression: (node, parent) => {
        const c = node as AstNode & { type: 'CallExpression' };
        if (!maySerialize(c)) return;
        const callee = t.aliases.callee(c, t.bindings);
        const verb = callee === undefined ? undefined : SERIALIZERS[callee];
        if (verb === undefined || !isEnv(c.arguments[0] as AstNode)) return;
        // Object.keys(process.env).filter((k) => k.startsWith('VITE_')): picking a prefix, not taking all.
        if (verb === 'enumerates' && parent?.type === 'MemberExpression' && ['filter', 'find', 'some', 'includes'].includes(propertyName(parent, t.bindings) ?? '')) return;
        ctx.report({ node, message: `${verb} the whole process.env (${callee}): every token and key in the environment` });
      },
      ForInStatement: (node) => {
        const f = node as AstNode & { type: 'ForInStatement' };
        if (isEnv(f.right as AstNode)) ctx.report({ node, message: 'enumerates the whole process.env (for…in): every token and key in the environment' });
      },
    });
  },
};
