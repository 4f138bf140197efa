import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'address validator', code: 'export const ok = (s) => /^0x[a-fA-F0-9]{40}$/.test(s);' },
    {
      name: 'strong swap is left to crypto-address-swap',
      code: 'const f = window.fetch;\nwindow.fetch = async (...a) => new Response((await (await f(...a)).text()).replace(/0x[a-fA-F0-9]{40}/g, X));',
    },
    { name: 'replace with a non-address regex', code: "export const clean = (s) => s.replace(/[^a-z0-9]{40}/g, '');" },
  ],
  invalid: [
    {
      name: 'masks ETH addresses',
      code: "export const mask = (text) =>\n  text.replace(/0x[a-fA-F0-9]{40}/g, '0x…');",
      errors: [{ message: /rewrites crypto addresses: \.replace\(\) with an address regex \(address patterns for ETH\)/, line: 2 }],
    },
    {
      name: 'Levenshtein next to a BTC pattern',
      code: 'function editDistance(a, b) { return 0; }\nconst BTC = /[13][a-km-zA-HJ-NP-Z1-9]{25,34}/;\nexport const near = (a, list) => list.find((w) => BTC.test(w) && editDistance(a, w) < 3);',
      errors: [{ message: /edit-distance/, line: 1 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
