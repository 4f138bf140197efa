import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'passes the token to npm config only', code: "fs.writeFileSync('.npmrc', `//${host}/:_authToken=\\${NPM_TOKEN}`);" },
    { name: 'whoami without a token read', code: "const { execSync } = require('child_process');\nexecSync('npm whoami');" },
    { name: 'token check message', code: "if (!process.env.NPM_TOKEN) console.warn('NPM_TOKEN is not set');" },
  ],
  invalid: [
    {
      name: 'env token and whoami endpoint',
      code: "const token = process.env.NPM_TOKEN;\nconst me = await fetch(registry + '/-/whoami', { headers: { authorization: 'Bearer ' + token } });",
      errors: [{ message: /uses an npm token \(process\.env\.NPM_TOKEN\) against the registry \(\/-\/whoami\)/, line: 1 }],
    },
    {
      name: '.npmrc token and npm publish',
      code: "const { execSync } = require('child_process');\nconst t = rc.match(/_authToken=(.+)/)[1];\nexecSync('npm publish', { env: { NODE_AUTH_TOKEN: t } });",
      errors: [{ message: /_authToken parsed out of \.npmrc.*npm publish/, line: 2 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
