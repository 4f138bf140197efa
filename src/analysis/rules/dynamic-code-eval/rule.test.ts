import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'global object polyfill', code: "var g = Function('return this')();\nvar h = (0, eval)('this');" },
    { name: 'eval of a constant to dodge bundlers', code: "const req = eval('require');\nmodule.exports = req('fs');" },
    { name: 'setTimeout with a function', code: 'setTimeout(() => tick(), 100);\nsetInterval(tick, 1000);' },
    { name: 'a method named eval on an object', code: 'const r = interpreter.evaluate(expr);\nconst s = sandbox.run(src);' },
  ],
  invalid: [
    { name: 'eval of a variable', code: 'function run(src) {\n  return eval(src);\n}', errors: [{ message: /eval\(\) runs a string computed at runtime$/, line: 2 }] },
    { name: 'new Function with a built body, counted once per file', code: "const f = new Function('a', body);\nconst g = Function(args, code);", errors: [{ message: /new Function\(\) runs a string computed at runtime \(2 places in this file\)/, line: 1 }] },
    { name: 'vm.Script from a variable', code: "const vm = require('vm');\nconst s = new vm.Script(source, { filename });", errors: [{ message: /vm\.Script\(\)/, line: 2 }] },
    { name: 'setTimeout with a string', code: "const delay = 5;\nsetTimeout('tick(' + delay + ')', 10);", errors: [{ message: /setTimeout\(\) with a string/, line: 2 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
