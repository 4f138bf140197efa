import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const WALLETS = [
  '0x1111111111222222222233333333334444444444',
  '0x5555555555666666666677777777778888888888',
  '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc',
  '0xddddddddddeeeeeeeeeeffffffffff0000000000',
  '0x0123456789abcdef0123456789abcdef01234567',
];

testRule(rule, {
  valid: [
    { name: 'address validator', code: 'export const isEthAddress = (s) => /^0x[a-fA-F0-9]{40}$/.test(s);' },
    {
      name: 'multi-chain validator without replacement',
      code: "const P = { eth: /^0x[a-fA-F0-9]{40}$/, btc: /^[13][a-km-zA-HJ-NP-Z1-9]{25,34}$/, trx: /^T[1-9A-HJ-NP-Za-km-z]{33}$/ };\nexport const valid = (c, s) => P[c].test(s);",
    },
    { name: 'shortens addresses for display', code: "export const shorten = (text) => text.replace(/0x[a-fA-F0-9]{40}/g, (a) => a.slice(0, 6) + '…' + a.slice(-4));" },
    {
      name: 'did-you-mean Levenshtein next to one address regex',
      code: 'function levenshtein(a, b) { return Math.min(a.length, b.length); }\nexport const isAddr = (s) => /^0x[0-9a-f]{40}$/i.test(s);',
    },
  ],
  invalid: [
    {
      name: 'replace in hooked fetch',
      code: "const f = window.fetch;\nwindow.fetch = async (...a) => { const r = await f(...a); const t = (await r.text()).replace(/0x[a-fA-F0-9]{40}/g, ATTACKER); return new Response(t); };",
      errors: [{ message: /swaps crypto addresses: \.replace\(\) with an address regex, address patterns for ETH; hooks fetch/, line: 2 }],
    },
    {
      name: 'Levenshtein nearest wallet from a list',
      code: `const wallets = ${JSON.stringify(WALLETS)};\nfunction levenshtein(a, b) { /* … */ }\nconst nearest = (addr) => wallets.reduce((best, w) => (levenshtein(addr, w) < levenshtein(addr, best) ? w : best));\nconst RE = /\\b0x[a-fA-F0-9]{40}\\b/g;\nexport const swap = (text) => text.replace(RE, nearest);`,
      errors: [{ message: /5 hard-coded wallet addresses/, line: 5 }],
    },
    {
      name: 'three chains rewritten in a loop',
      code: "const patterns = { eth: /0x[a-fA-F0-9]{40}/g, btc: /\\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\\b/g, trx: /\\bT[1-9A-HJ-NP-Za-km-z]{33}\\b/g };\nfor (const k of Object.keys(patterns)) body = body.replace(patterns[k], (m) => pick(k, m));",
      errors: [{ message: /ETH\/BTC\/TRX/, line: 2 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
