import type { AstNode, Rule } from '../../types.js';
import { unwrap } from '../_ast/values.js';
import { fileModel, type FileModel } from '../_static/file-model.js';
import type { Scope } from '../_static/flow.js';
import { shapeOf } from '../_static/strings.js';

/**
 * IP-geolocation services, by their name (so `api.ipgeolocation.io`, a regional mirror or a defanged
 * test host all match): asking one where the machine is has one use in a library, targeting.
 */
const GEO_SERVICES = /(?:^|[/.@])(?:api\.)?(?:ipgeolocation|ip-api|ipapi|ipinfo|ipwho|ipwhois|freegeoip|geolocation-db|extreme-ip-lookup|geojs|ipdata|ip2location|geoplugin|db-ip|ipregistry|ipbase|ipgeolocationapi|iplocation|keycdn-tools|api\.country)\.[a-z]/i;
/** A country's name as protestware matches it (node-ipc: "russia", "belarus", base64-encoded). */
const COUNTRY_NAMES = /russia|belarus|ukrain|israel|china|iran|syria|palestin|korea|россия|беларусь/i;
const COUNTRY_CODE = /^[A-Z]{2}$/;
const COMPARE_METHODS = new Set(['includes', 'indexOf', 'match', 'test', 'startsWith', 'endsWith', 'search']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);

function isCountry(value: unknown): value is string {
  return typeof value === 'string' && (COUNTRY_CODE.test(value) || COUNTRY_NAMES.test(value));
}

/**
 * Code that looks up where the machine is (an IP-geolocation service) and compares the answer
 * with a country: node-ipc 10.1.1 (2022) fetched api.ipgeolocation.io (the URL base64-encoded)
 * and wiped files when `country_name` included "russia" or "belarus" (also base64-encoded).
 * Analytics SDKs may record a country, but a library that branches on one is deciding whom to
 * treat differently.
 */
export const rule: Rule = {
  meta: {
    id: 'destructive-geo-conditional',
    severity: 'high',
    category: 'destructive',
    confidence: 'medium',
    description: 'Queries an IP-geolocation service and compares the result with a country (geo-targeted behaviour, node-ipc protestware)',
    needles: ['geo', 'ip-api', 'ipapi', 'ipinfo', 'ipwho', 'country', 'base64', 'atob'],
  },
  create(ctx) {
    if (!ctx.ast) return {};
    const model = fileModel(ctx);
    // Candidates for the service and the comparison, in walk order, with their scopes and how many
    // calls the walk had met before them: the calls themselves (`atob('…')`, `x.includes('RU')`)
    // come from the file model at the end, merged back into place by that count.
    const strings: Candidate[] = [];
    const comparisons: Candidate[] = [];
    let regexCountry: string | undefined;
    const here = (node: AstNode): Candidate => ({ node, scope: model.scopes.current, callsBefore: model.calls.length });
    return model.visitor({
      Literal: (node) => {
        if (node.type !== 'Literal') return;
        if ('regex' in node && node.regex && COUNTRY_NAMES.test(node.regex.pattern)) regexCountry ??= `/${node.regex.pattern}/`;
        // A literal's shape is its value: one that names no service can never be the one reported.
        if (typeof node.value === 'string' && GEO_SERVICES.test(node.value)) strings.push(here(node));
      },
      TemplateLiteral: (node) => {
        strings.push(here(node));
      },
      BinaryExpression: (node) => {
        if (node.type === 'BinaryExpression' && EQUALITY.has(node.operator)) comparisons.push(here(node));
      },
      'Program:exit': () => {
        let service: { node: AstNode; host: string } | undefined;
        // Buffer.from('aHR0cHM6Ly9hcGkuaXBnZW9sb2NhdGlvbi5pby8…', 'base64').toString(), atob('…'): a service hidden in base64.
        for (const { node, scope } of inWalkOrder(strings, model, (name) => name === 'toString' || name === 'atob')) {
          const s = shapeOf(node, model.resolver(scope));
          if (!s || (node.type === 'CallExpression' && !s.decoded)) continue;
          const m = GEO_SERVICES.exec(s.value);
          if (m) {
            // The whole host name the service appears in: `api.ipgeolocation.io`.
            const host = /[a-z0-9.-]+/i.exec(s.value.slice(m.index + (/^[/.@]/.test(m[0]) ? 1 : 0)))?.[0] ?? m[0];
            service = { node, host: host.replace(/\.$/, '') };
            break;
          }
        }
        if (!service) return;
        const country = regexCountry ?? comparedCountry(inWalkOrder(comparisons, model, (name) => COMPARE_METHODS.has(name)), model);
        if (country) ctx.report({ node: service.node, message: `looks up the machine's location (${service.host}) and compares it with a country (${country})` });
      },
    });
  },
};

interface Candidate {
  node: AstNode;
  scope: Scope;
  /** How many calls (of the file model) the walk had recorded when it reached the node. */
  callsBefore: number;
}

/**
 * The candidates and the file's calls whose callee name passes `callName`, in the order the
 * walk met them: a call recorded before a candidate comes before it.
 */
function* inWalkOrder(candidates: readonly Candidate[], model: FileModel, callName: (name: string) => boolean): Generator<{ node: AstNode; scope: Scope }> {
  const calls = model.calls;
  let next = 0;
  const upTo = function* (end: number) {
    for (; next < end && next < calls.length; next++) {
      const { node, scope } = calls[next]!;
      if (node.type !== 'CallExpression') continue;
      const callee = node.callee;
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
      if (callName(name)) yield { node, scope };
    }
  };
  for (const c of candidates) {
    yield* upTo(c.callsBefore);
    yield c;
  }
  yield* upTo(calls.length);
}

/** A country code or name compared with something: `x === 'RU'`, `['RU','BY'].includes(x)`, `u.includes(decoded('russia'))`. */
function comparedCountry(comparisons: Iterable<{ node: AstNode; scope: Scope }>, model: FileModel): string | undefined {
  for (const { node, scope } of comparisons) {
    const resolve = model.resolver(scope);
    const parts: AstNode[] = [];
    if (node.type === 'BinaryExpression') parts.push(node.left as AstNode, node.right as AstNode);
    else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') parts.push(node.callee.object as AstNode, ...(node.arguments as AstNode[]));
    for (const p of parts.map((x) => unwrap(x))) {
      if (p.type === 'ArrayExpression') {
        const hit = p.elements.map((e) => (e && e.type === 'Literal' ? e.value : undefined)).find(isCountry);
        if (hit) return `"${hit}"`;
        continue;
      }
      const value = shapeOf(p, resolve)?.value;
      if (isCountry(value)) return `"${value}"`;
    }
  }
  return undefined;
}
