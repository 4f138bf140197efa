import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'decodes base64 into a buffer for hashing', code: "const crypto = require('crypto');\nconst buf = Buffer.from(input, 'base64');\nmodule.exports = crypto.createHash('sha256').update(buf).digest('hex');" },
    { name: 'eval of a constant string', code: "const g = eval('this');\nconst b = Buffer.from(s, 'base64');" },
    { name: 'template engine compiles template text', code: "function compile(tpl) { const src = 'return `' + tpl.replace(/`/g, '\\\\`') + '`'; return new Function('data', src); }\nconst x = atob(y);" },
    { name: 'spawn with a decoded env value, not the command', code: "const { spawn } = require('child_process');\nspawn('node', ['worker.js'], { env: { TOKEN: Buffer.from(t, 'base64').toString() } });" },
    { name: 'fromCharCode of a single constant is a character, not decoding', code: "const nl = String.fromCharCode(10);\neval(code + nl);" },
    { name: 'decoded value only logged', code: "const msg = Buffer.from(s, 'hex').toString();\nconsole.log(msg);\nrequire('child_process').exec('ls');" },
  ],
  invalid: [
    { name: 'eval(atob(...))', code: "eval(atob('Y29uc29sZS5sb2coMSk='));", errors: [{ message: /eval\(\) runs content decoded from base64: "console\.log\(1\)"/, line: 1 }] },
    {
      name: 'Function of Buffer.from base64 through a variable',
      code: "const payload = 'Y29uc29sZS5sb2coMSk=';\nconst src = Buffer.from(payload, 'base64').toString('utf8');\nnew Function(src)();",
      errors: [{ message: /new Function\(\) runs content decoded from base64/, line: 3 }],
    },
    {
      name: 'execSync of char codes',
      code: "const cp = require('child_process');\nconst c = String.fromCharCode(101, 99, 104, 111, 32, 104, 105);\ncp.execSync(c);",
      errors: [{ message: /child_process\.execSync\(\) runs content decoded from char codes: "echo hi"/, line: 3 }],
    },
    {
      name: 'require of a hex-decoded path through a decoder function (flatmap-stream)',
      code: "var r = require;\nfunction e(s) { return Buffer.from(s, 'hex').toString(); }\nvar n = r(e('2e2f746573742f64617461'));",
      errors: [{ message: /require\(\) runs content decoded from hex/, line: 3 }],
    },
    {
      name: 'module._compile of deciphered text',
      code: "const crypto = require('crypto');\nconst u = crypto.createDecipher('aes256', process.env.npm_package_description);\nlet a = u.update(blob, 'hex', 'utf8');\na += u.final('utf8');\nconst m = new module.constructor();\nm._compile(a, '');",
      errors: [{ message: /module\._compile\(\) runs content decoded from a cipher/, line: 6 }],
    },
    {
      name: 'vm.runInThisContext of a reversed string',
      code: "import vm from 'node:vm';\nconst code = ')1(gol.elosnoc'.split('').reverse().join('');\nvm.runInThisContext(code);",
      path: 'index.mjs',
      errors: [{ message: /vm\.runInThisContext\(\) runs content decoded from reversed/, line: 3 }],
    },
    {
      name: 'decoded in a map callback then joined',
      code: "const s = [99,111,110].map(c => String.fromCharCode(c)).join('');\nsetTimeout(s, 10);",
      errors: [{ message: /setTimeout\(\) with a string runs content decoded from char codes/ }],
    },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
