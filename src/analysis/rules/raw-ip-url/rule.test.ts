import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { isPublicIp, rule } from './rule.js';
import { expect, it } from 'vitest';

it('classifies addresses', () => {
  expect(['198.51.100.9', '203.0.113.5', '198.18.0.9'].every(isPublicIp)).toBe(true);
  expect(['10.0.0.1', '127.0.0.1', '169.254.169.254', '192.168.1.1', '172.20.0.1', '100.64.0.1', '8.8.8.8', '0.0.0.0', '255.255.255.255', '300.1.1.1'].some(isPublicIp)).toBe(false);
});

testRule(rule, {
  valid: [
    { name: 'localhost URL', code: "fetch('http://127.0.0.1:3000/api');" },
    { name: 'private host option', code: "const https = require('https');\nhttps.request({ host: '192.168.0.10', port: 8443 });" },
    { name: 'version string', code: "const https = require('https');\nconst v = '1.22.3.4';" },
    { name: 'IP URL in a file without network use', code: "export const examples = ['http://198.51.100.1/'];" },
    { name: 'public DNS for connectivity check', code: "const net = require('net');\nnet.connect(53, '1.1.1.1');" },
  ],
  invalid: [
    {
      name: 'http URL to a raw IP',
      code: "const http = require('http');\nhttp.get('http://198.51.100.9:8000/6202033');",
      errors: [{ message: /raw IP address 198\.51\.100\.9 \(URL\)/, line: 2 }],
    },
    {
      name: 'host option',
      code: "const https = require('https');\nconst req = https.request({ hostname: '203.0.113.7', path: '/p', method: 'POST' });",
      errors: [{ message: /203\.0\.113\.7 \(hostname option\)/ }],
    },
    {
      name: 'net.connect reverse shell shape',
      code: "const net = require('net');\nconst s = net.connect(4444, '203.0.113.2', () => {});",
      errors: [{ message: /net\.connect argument/ }],
    },
    {
      name: 'URL built by concatenation with fetch',
      code: "const ip = '198.51.100.4';\nawait fetch('http://' + ip + '/c', { method: 'POST' });",
      errors: [{ message: /198\.51\.100\.4/, line: 2 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
