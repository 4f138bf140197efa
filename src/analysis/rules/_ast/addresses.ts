import type { AstNode, Visitor } from '../../types.js';
import { type Hook, hookVisitor } from './hooks.js';
import { type Bindings, isNode, memberPath, propertyName, unwrap } from './values.js';
import { mergeVisitors, regexOf } from './visitors.js';

/**
 * Crypto-address swapping ("clipper") evidence in one file: regular expressions that match wallet
 * addresses, hard-coded wallet addresses, `.replace(addressRegex, …)`, a Levenshtein distance
 * (used to pick the attacker address that looks most like the victim's), and hooks of the page's
 * network or wallet APIs. The chalk/debug payload (incidents.md §1) had all of them.
 */

export type Chain = 'ETH' | 'BTC' | 'BTC-segwit' | 'TRX' | 'LTC' | 'BCH' | 'SOL';

/** Tested against a regex's source: which address format it matches. */
const PATTERN_CHAINS: [Chain, RegExp][] = [
  ['ETH', /0x\)?\??\[[^\]]*(?:a-f|A-F|0-9|\\d)[^\]]*\](?:\{40\}|\{40,40\})/],
  ['BCH', /bitcoincash:|\[qp\]\[[^\]]+\]\{41\}/],
  ['BTC-segwit', /bc1(?![0-9]{2})/],
  ['LTC', /\[LM3?\]|\(L\|M\)|ltc1/],
  ['TRX', /(?:T|\[T\])\[[^\]]+\]\{33\}/],
  ['BTC', /\[13\]|\(1\|3\)|\[13bc\]|(?:^|\\[bB]|\^|\(|\|)[13]\[[^\]]*(?:HJ-NP|a-km|A-HJ)/],
  ['SOL', /\[1-9A-HJ-NP-Za-km-z\]\{(?:3[2-4]),(?:4[3-4])\}/],
];

/** Tested against string literals: a wallet address itself. */
const LITERAL_CHAINS: [Chain, RegExp][] = [
  ['ETH', /^0x[0-9a-fA-F]{40}$/],
  ['BTC', /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/],
  ['BTC-segwit', /^bc1[02-9ac-hj-np-z]{11,71}$/],
  ['TRX', /^T[1-9A-HJ-NP-Za-km-z]{33}$/],
  ['LTC', /^(?:[LM][1-9A-HJ-NP-Za-km-z]{26,33}|ltc1[02-9ac-hj-np-z]{11,71})$/],
  ['BCH', /^bitcoincash:[qp][02-9ac-hj-np-z]{41}$/],
];

/** Every address format is 25+ characters: a regex without such a repetition (`/^bitcoincash:/`) matches a prefix, not an address. */
const LONG_REPEAT = /\{(?:\d+,)?(?:[2-9]\d|\d{3,})\}/;

export function chainsOfPattern(source: string): Chain[] {
  if (!LONG_REPEAT.test(source)) return [];
  return PATTERN_CHAINS.filter(([, re]) => re.test(source)).map(([c]) => c);
}

export function chainOfLiteral(s: string): Chain | undefined {
  if (s.length < 26 || s.length > 90) return undefined;
  for (const [c, re] of LITERAL_CHAINS) {
    // 0x000…0 and 0xEeeE…eE are placeholders (zero address, native-token sentinel), not wallets.
    if (re.test(s) && new Set(s.toLowerCase()).size > 4) return c;
  }
  return undefined;
}

export interface AddressEvidence {
  /** Chains whose address format some regex in the file matches. */
  chains: Set<Chain>;
  firstPattern?: AstNode;
  /** Distinct wallet-address literals. */
  literals: Set<string>;
  /** `.replace(addressRegex, …)` calls. */
  replaces: AstNode[];
  /** `.replace(re, fn)` with a regex not known statically, in a loop over several address patterns. */
  dynamicReplaces: AstNode[];
  levenshtein?: AstNode;
  hooks: Hook[];
}

const LEVENSHTEIN_NAME = /levenshtein|editDistance|edit_distance|damerau|stringDistance|closestAddress|nearestAddress/i;

export function addressVisitor(bindings: Bindings): { evidence: AddressEvidence; visitor: Visitor } {
  const evidence: AddressEvidence = { chains: new Set(), literals: new Set(), replaces: [], dynamicReplaces: [], hooks: [] };
  /** Names and object keys bound to address regexes: `const ETH_RE = /0x…/g`, `{ eth: /0x…/g }`. */
  const regexNames = new Set<string>();
  const regexKeys = new Set<string>();
  const noteRegex = (node: AstNode): boolean => {
    const re = regexOf(node, bindings);
    if (!re) return false;
    const chains = chainsOfPattern(re.pattern);
    if (chains.length === 0) return false;
    for (const c of chains) evidence.chains.add(c);
    evidence.firstPattern ??= node;
    return true;
  };
  const isAddressRegex = (node: AstNode): boolean => {
    const n = unwrap(node);
    if (regexOf(n, bindings)) return chainsOfPattern(regexOf(n, bindings)!.pattern).length > 0;
    if (n.type === 'Identifier') return regexNames.has(n.name);
    if (n.type === 'MemberExpression') {
      const key = propertyName(n, bindings);
      return key !== undefined && regexKeys.has(key);
    }
    return false;
  };
  const noteFunction = (node: AstNode, name: string | undefined) => {
    if (name && LEVENSHTEIN_NAME.test(name)) evidence.levenshtein ??= node;
  };
  const visitor: Visitor = {
    Literal: (node) => {
      const n = node as AstNode & { type: 'Literal' };
      if ('regex' in n && n.regex) noteRegex(node);
      else if (typeof n.value === 'string') {
        const chain = chainOfLiteral(n.value);
        if (chain) evidence.literals.add(n.value);
      }
    },
    NewExpression: (node) => {
      noteRegex(node);
    },
    VariableDeclarator: (node) => {
      const d = node as AstNode & { type: 'VariableDeclarator' };
      if (d.init && d.id.type === 'Identifier') {
        if (isAddressRegex(d.init as AstNode)) regexNames.add(d.id.name);
        const init = unwrap(d.init as AstNode);
        if (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression') noteFunction(node, d.id.name);
      }
    },
    Property: (node) => {
      const p = node as AstNode & { type: 'Property' };
      const key = p.computed ? undefined : p.key.type === 'Identifier' ? p.key.name : typeof (p.key as { value?: unknown }).value === 'string' ? String((p.key as { value: string }).value) : undefined;
      if (key !== undefined && isNode(p.value) && isAddressRegex(p.value as AstNode)) regexKeys.add(key);
    },
    FunctionDeclaration: (node) => {
      noteFunction(node, (node as AstNode & { type: 'FunctionDeclaration' }).id?.name);
    },
    CallExpression: (node) => {
      const c = node as AstNode & { type: 'CallExpression' };
      const callee = unwrap(c.callee as AstNode);
      // Math.min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + cost): the edit-distance recurrence.
      if ((memberPath(callee, bindings) === 'Math.min' || (callee.type === 'MemberExpression' && memberPath(callee.object as AstNode) === 'Math')) && c.arguments.length >= 3) {
        const plusOne = c.arguments.filter((a) => a.type === 'BinaryExpression' && a.operator === '+').length;
        if (plusOne >= 2) evidence.levenshtein ??= node;
      }
      if (callee.type !== 'MemberExpression') return;
      const method = propertyName(callee, bindings);
      if ((method === 'replace' || method === 'replaceAll') && c.arguments[0]) {
        const pattern = c.arguments[0] as AstNode;
        if (isAddressRegex(pattern)) evidence.replaces.push(node);
        else {
          const fn = c.arguments[1] && unwrap(c.arguments[1] as AstNode);
          const p = unwrap(pattern);
          if (fn && (fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression' || fn.type === 'Identifier') && (p.type === 'Identifier' || p.type === 'MemberExpression')) evidence.dynamicReplaces.push(node);
        }
      }
    },
  };
  return { evidence, visitor: mergeVisitors(visitor, hookVisitor(bindings, (hook) => evidence.hooks.push(hook))) };
}

/** What makes address replacement a swap rather than, say, shortening addresses for display. */
export function swapContext(e: AddressEvidence): string[] {
  const out: string[] = [];
  if (e.hooks.length) out.push(`hooks ${[...new Set(e.hooks.map((h) => h.target))].slice(0, 3).join(', ')}`);
  if (e.literals.size >= 5) out.push(`${e.literals.size} hard-coded wallet addresses`);
  if (e.chains.size >= 3) out.push(`address patterns for ${[...e.chains].join(', ')}`);
  return out;
}

/** Substrings of address regexes and edit-distance code: files with none of them are skipped. */
export const ADDRESS_NEEDLES = ['{40}', '{33}', '{25', '{26', '{32', '{41}', 'bc1', 'bitcoincash', 'ltc1', 'HJ-NP'];

/**
 * Decides whether a file's address evidence is a swap: replacement logic (`.replace` with an
 * address regex, or an edit distance next to address patterns) plus something that makes it
 * hostile: hooked fetch/XHR/wallet APIs, a list of hard-coded wallets, or patterns for three or
 * more chains at once.
 */
export function isSwap(e: AddressEvidence): boolean {
  const hostile = e.hooks.length > 0 || e.literals.size >= 5;
  const replaces = e.replaces.length > 0 || (e.dynamicReplaces.length > 0 && e.chains.size >= 2);
  return (replaces && (hostile || e.chains.size >= 3)) || (e.levenshtein !== undefined && e.chains.size > 0 && hostile);
}

export function replacementOf(e: AddressEvidence): string {
  const parts: string[] = [];
  if (e.replaces.length) parts.push('.replace() with an address regex');
  else if (e.dynamicReplaces.length && e.chains.size >= 2) parts.push('.replace() over address patterns');
  if (e.levenshtein) parts.push('an edit-distance (Levenshtein) function');
  return parts.join(' and ');
}

