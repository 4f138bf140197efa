import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'decoding data, plain member names', code: "const cp = require('child_process');\nconst token = Buffer.from(s, 'base64').toString();\ncp.exec('ls');" },
    { name: 'decoded name that is not sensitive', code: "const o = {};\nconsole.log(o[atob('Zm9v')]);" },
    { name: 'computed member with a plain variable', code: "const key = pickKey();\nprocess.env[key] = Buffer.from(v, 'hex').toString();" },
  ],
  invalid: [
    { name: 'process[atob("ZW52")]', code: "const e = process[atob('ZW52')];", errors: [{ message: /decodes the member name "env" from base64/, line: 1 }] },
    { name: 'hex-decoded exec through a const', code: "const cp = require('child_process');\nconst k = Buffer.from('6578656353796e63', 'hex').toString();\ncp[k]('id');", errors: [{ message: /member name "execSync" from hex/, line: 3 }] },
    { name: 'char-coded spawn', code: "const cp = require('child_process');\ncp[String.fromCharCode(115, 112, 97, 119, 110)]('sh');", errors: [{ message: /member name "spawn" from char codes/, line: 2 }] },
    { name: 'reversed program name', code: "const { spawn } = require('child_process');\nspawn('23lldnur'.split('').reverse().join(''), ['x.dll,main']);", errors: [{ message: /program name "rundll32" from reversed/, line: 2 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
