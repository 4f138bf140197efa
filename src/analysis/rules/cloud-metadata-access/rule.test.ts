import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'other link-local address', code: "const gw = '169.254.1.1';" },
    { name: 'mentioned in a comment only', code: '// never call 169.254.169.254 from here\nexport const x = 1;' },
  ],
  invalid: [
    {
      name: 'AWS credentials path',
      code: "const base = 'http://169.254.169.254/latest/meta-data/';\nconst role = await (await fetch(base + 'iam/security-credentials/')).text();",
      errors: [{ message: /instance metadata service \(169\.254\.169\.254\)/, line: 1 }],
    },
    {
      name: 'GCP token',
      code: "http.get({ host: 'metadata.google.internal', path: '/computeMetadata/v1/instance/service-accounts/default/token', headers: { 'Metadata-Flavor': 'Google' } });",
      errors: [{ message: /GCP metadata server/ }],
    },
    {
      name: 'credentials path in one string',
      code: "fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/');",
      errors: [{ message: /asking for credentials/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
