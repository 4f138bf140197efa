import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'a binary constant (1x1 GIF)', code: "const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');\nmodule.exports = pixel.toString('base64');" },
    { name: 'decoding runtime data', code: "const token = Buffer.from(header, 'base64').toString();\nconst json = atob(payload);" },
    { name: 'a newline from a char code', code: 'const NL = String.fromCharCode(10);' },
    { name: 'two harmless decoded words', code: "const a = atob('aGVsbG8=');\nconst b = atob('d29ybGQ=');" },
  ],
  invalid: [
    {
      name: 'node-ipc path fragments',
      code: "const t = Buffer.from('Li8=', 'base64');\nconst n = Buffer.from('Li4v', 'base64');\nconst f = Buffer.from('Lw==', 'base64');\nwalk(t.toString('utf8'));\nwalk(n.toString('utf8'));\nwalk(f.toString('utf8'));",
      errors: [{ message: /decodes 3 strings kept as base64 in the source: ".\/", "..\/", "\/"/, line: 4 }],
    },
    { name: 'flatmap-stream hex decoder', code: "function h(s) { return Buffer.from(s, 'hex').toString(); }\nvar d = require(h('2e2f746573742f64617461'));", errors: [{ message: /decodes 1 string kept as hex in the source: ".\/test\/data"/, line: 2 }] },
    { name: 'one decoded URL', code: "const u = atob('aHR0cHM6Ly9jMi5leGFtcGxlLmludmFsaWQv');\nfetch(u);", errors: [{ message: /"https:\/\/c2\.example\.invalid\/"/, line: 1 }] },
    { name: 'char codes and reversed strings', code: "const a = String.fromCharCode(101, 120, 101, 99);\nconst b = 'vne'.split('').reverse().join('');\nconst c = 'ssecorp_dlihc'.split('').reverse().join('');", errors: [{ message: /decodes 3 strings kept as (char codes\/reversed|reversed\/char codes)/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
