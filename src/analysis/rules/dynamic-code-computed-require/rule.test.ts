import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'literal requires', code: "const fs = require('fs');\nconst x = require(`./x`);\nimport('./lazy.js');" },
    { name: 'constant through a binding', code: "const name = './locale/' + 'en';\nconst en = require(name);" },
    { name: 'require.resolve of a variable is not a load', code: 'const p = require.resolve(pkg + "/package.json");' },
  ],
  invalid: [
    { name: 'plugin loader', code: "function load(name) {\n  return require('eslint-plugin-' + name);\n}", errors: [{ message: /require\(\) of a name computed at runtime: 'eslint-plugin-' \+ name/, line: 2 }] },
    { name: 'dynamic import of a variable', code: 'export async function load(p) {\n  return import(p);\n}', path: 'index.mjs', errors: [{ message: /import\(\) of a name computed at runtime/, line: 2 }] },
    { name: 'several in one file, one finding', code: 'const a = require(x);\nconst b = require(y);\nconst c = require(z);', errors: [{ message: /\(3 places in this file\)/, line: 1 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
