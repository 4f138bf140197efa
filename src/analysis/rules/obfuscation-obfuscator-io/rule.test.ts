import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const samples = join(import.meta.dirname, 'samples');
const stringArray = readFileSync(join(samples, 'bad-string-array.js'), 'utf8');

testRule(rule, {
  valid: [
    { name: 'a few _0x names', code: 'const _0xabcd = 1, _0xbeef = 2;\nmodule.exports = _0xabcd + _0xbeef;' },
    { name: 'rotation without parseInt (a queue)', code: '(function (q, n) {\n  while (!done()) { q.push(q.shift()); }\n})(queue, 3);' },
    { name: 'self-redefining function without a string array', code: 'function once() {\n  const v = compute();\n  once = function () { return v; };\n  return once();\n}' },
  ],
  invalid: [
    { name: 'obfuscator.io string array, rotation and _0x names', code: stringArray, errors: [{ message: /javascript-obfuscator output: .*distinct _0x… identifiers.*(?:rotation|string-array)/, line: 1 }] },
    {
      name: 'mangled names: rotation IIFE only',
      code: "(function (a, b) {\n  const c = a();\n  while (!![]) {\n    try {\n      const d = parseInt(c[0]) / 1;\n      if (d === b) break;\n      else c['push'](c['shift']());\n    } catch (e) {\n      c['push'](c['shift']());\n    }\n  }\n})(f, 123);",
      errors: [{ message: /a string-array rotation loop/, line: 1 }],
    },
    {
      name: 'string-array function (with the rotation that always accompanies it elsewhere in the file)',
      code: "function a0() {\n  const s = ['x', 'y', 'z', 'w', 'v'];\n  a0 = function () { return s; };\n  return a0();\n}\nconst rotate = (l) => l.push(l.shift());",
      errors: [{ message: /a self-redefining string-array function/, line: 1 }],
    },
    {
      name: 'unparseable obfuscated text still reported',
      code: `${Array.from({ length: 30 }, (_, i) => `var _0x${(0xa000 + i).toString(16)}=${i};`).join('')}\nfunction (`,
      errors: [{ message: /30 distinct _0x/ }],
    },
  ],
});

testSamples(rule, samples);
