import type { AstNode, Rule } from '../../types.js';
import { HOLE, isSendCall, mergeVisitors, networkUse, propertyName, staticString, stringShape, trackers, unwrap } from '../_ast/index.js';

const URL_IP = /(?:https?|wss?|ftp|tcp|udp):\/\/(\d{1,3}(?:\.\d{1,3}){3})(?=[:/?#]|$)/gi;
const BARE_IP = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Public DNS resolvers: connectivity checks and DNS clients use them by address. */
const RESOLVERS = new Set([
  '8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9', '149.112.112.112', '208.67.222.222', '208.67.220.220', '4.2.2.1', '4.2.2.2',
  '114.114.114.114', '223.5.5.5', '223.6.6.6', '180.76.76.76', '119.29.29.29', '94.140.14.14', '76.76.2.0',
]);

/**
 * An address that names a server outside the machine and its LAN: not private, loopback,
 * link-local (metadata endpoints have their own rule), CGNAT, multicast/reserved or a public
 * resolver. Documentation ranges (TEST-NET, RFC 5737) count: code has no business connecting to
 * them either, and our inert fixtures use them in place of attacker addresses.
 */
export function isPublicIp(ip: string): boolean {
  const o = ip.split('.').map(Number);
  if (o.length !== 4 || o.some((x) => !Number.isInteger(x) || x > 255)) return false;
  const [a, b, c] = o as [number, number, number, number];
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 192 && b === 0 && c === 0) return false;
  return !RESOLVERS.has(ip);
}

const HOST_KEYS = new Set(['host', 'hostname', 'address', 'server']);
const CONNECTS = /^(?:net\.(?:connect|createConnection)|tls\.connect|\w+\.connect)$/;

/**
 * Network destinations given as a raw public IP address: `http://1.2.3.4:8000/x`,
 * `{ host: '1.2.3.4' }`, `net.connect(443, '1.2.3.4')`, in a file that talks to the network.
 * Services have names; a bare IP is typical of throwaway attacker servers: flatmap-stream sent
 * to 111.90.151.134 (incidents.md §13), the axios/plain-crypto-js RAT to 142.11.206.73 (§17).
 */
export const rule: Rule = {
  meta: {
    id: 'raw-ip-url',
    severity: 'medium',
    category: 'exfiltration',
    confidence: 'medium',
    description: 'Sends to a hard-coded public IP address (http://1.2.3.4/…, host: "1.2.3.4") instead of a host name',
    needles: ['://', 'host', 'address', 'connect', 'server'],
  },
  create(ctx) {
    // The needles are broad; a file without any dotted quad cannot hold an IP literal worth resolving.
    if (!/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/.test(ctx.file.text)) return {};
    const t = trackers(ctx);
    const net = networkUse(t.aliases, t.bindings);
    const hits: { node: AstNode; ip: string; how: string }[] = [];
    const seen = new Set<string>();
    const note = (node: AstNode, ip: string, how: string) => {
      if (!isPublicIp(ip) || seen.has(ip)) return;
      seen.add(ip);
      hits.push({ node, ip, how });
    };
    const insideConcat = (parent: AstNode | null) => parent?.type === 'BinaryExpression' && parent.operator === '+';
    const checkUrl = (node: AstNode, parent: AstNode | null) => {
      if (insideConcat(parent)) return;
      const s = stringShape(node, t.bindings);
      if (s === undefined || !s.includes('://')) return;
      for (const m of s.replaceAll(HOLE, ' ').matchAll(URL_IP)) note(node, m[1]!, 'URL');
    };
    return mergeVisitors(t.visitor, net.visitor, {
      Literal: (node, parent) => {
        if (typeof (node as { value?: unknown }).value === 'string') checkUrl(node, parent);
      },
      TemplateLiteral: checkUrl,
      BinaryExpression: (node, parent) => {
        if ((node as AstNode & { type: 'BinaryExpression' }).operator === '+') checkUrl(node, parent);
      },
      Property: (node) => {
        const p = node as AstNode & { type: 'Property' };
        const key = p.computed ? undefined : p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
        if (key === undefined || !HOST_KEYS.has(key)) return;
        const v = staticString(p.value as AstNode, t.bindings);
        if (v !== undefined && BARE_IP.test(v)) note(node, v, `${key} option`);
      },
      CallExpression: (node) => {
        const c = node as AstNode & { type: 'CallExpression' };
        const callee = t.aliases.callee(c, t.bindings);
        const callee0 = unwrap(c.callee as AstNode);
        const method = callee0.type === 'MemberExpression' ? propertyName(callee0, t.bindings) : undefined;
        if (!(callee !== undefined && (CONNECTS.test(callee) || isSendCall(callee))) && method !== 'connect') return;
        for (const a of c.arguments.slice(0, 3)) {
          const v = staticString(a as AstNode, t.bindings);
          if (v !== undefined && BARE_IP.test(v)) note(node, v, `${callee ?? method} argument`);
        }
      },
      'Program:exit': () => {
        if (!net.used) return;
        for (const h of hits) ctx.report({ node: h.node, message: `connects to the raw IP address ${h.ip} (${h.how}) rather than a host name` });
      },
    });
  },
};
