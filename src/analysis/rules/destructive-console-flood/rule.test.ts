import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'a loop with break', code: "for (;;) {\n  const line = next();\n  if (!line) break;\n  console.log(line);\n}" },
    { name: 'a loop inside a function', code: "function spin() {\n  while (true) console.log('x');\n}\nmodule.exports = spin;" },
    { name: 'a REPL waiting for input', code: "while (true) {\n  const answer = await rl.question('> ');\n  console.log(answer);\n}", path: 'index.mjs' },
    { name: 'a CLI entry point (bin)', files: { 'cli.js': "while (true) console.log('y');" }, manifest: { name: 'yes', version: '1.0.0', bin: { yes: './cli.js' } } },
    { name: 'a benchmark script', files: { 'bench.js': 'while (true) { console.log(run()); }' } },
    { name: 'a loop that exits the process', code: 'while (1) {\n  console.log(poll());\n  if (done()) process.exit(0);\n}' },
    { name: 'a bounded loop', code: 'for (let i = 0; i < 10; i++) console.log(i);' },
  ],
  invalid: [
    { name: 'colors 1.4.44-liberty-2', code: "require('./custom/american')();\nfor (let i = 666; i < Infinity; i++) {\n  if (i % 333) {\n    // console.log('testing'.zalgo.rainbow)\n  }\n  console.log('testing testing testing testing testing testing testing'.zalgo);\n}", errors: [{ message: /loops forever printing to the console when the module is loaded/, line: 2 }] },
    { name: 'while (true) in an IIFE', code: "(function () {\n  while (!0) process.stdout.write('LIBERTY ');\n})();", errors: [{ line: 2 }] },
    { name: 'do while with a break in an inner loop only', code: "do {\n  for (const x of xs) { if (x) break; }\n  console.error('!');\n} while (true);", errors: [{ line: 1 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
