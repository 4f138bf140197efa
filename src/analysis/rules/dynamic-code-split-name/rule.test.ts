import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'bundler workaround on a harmless module', code: "const url = require('u' + 'rl');" },
    { name: 'plain names', code: "const cp = require('child_process');\ncp.spawn('node', ['x.js']);" },
    { name: 'a name spelled out in full inside the expression', code: "const cp = require('child_process' + '');" },
    { name: 'dynamic part', code: "const m = require('./plugins/' + name);\nobj['get' + key]();" },
  ],
  invalid: [
    {
      name: 'eslint-config-prettier install.js',
      code: "const path = require('path');\nrequire('chi' + 'ld_pro' + 'cess')['sp' + 'awn']('rund' + 'll32', [path.join(__dirname, './node-gyp' + '.dll') + ',main']);",
      // Three findings on one line (module, member, program); their order among equal lines is the engine's.
      errors: 3,
    },
    { name: 'split module name alone', code: "const cp = require('chi' + 'ld_pro' + 'cess');", errors: [{ message: /assembles the module name "child_process" from 3 string pieces/, line: 1 }] },
    { name: 'split program name alone', code: "const { spawn } = require('child_process');\nspawn('rund' + 'll32', ['x.dll,main']);", errors: [{ message: /assembles the program name "rundll32" from 2 string pieces/, line: 2 }] },
    { name: 'joined array module name', code: "const m = ['child', 'process'].join('_');\nconst cp = require(m);", errors: [{ message: /module name "child_process" from 2 string pieces/, line: 2 }] },
    { name: 'template pieces for a member', code: "const k = `ex${'ec'}Sync`;\nrequire('child_process')[k]('id');", errors: [{ message: /member name "execSync"/, line: 2 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
