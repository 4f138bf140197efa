import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'tells the user to run gh auth token', code: "console.log('run `gh auth token` and paste it here');" },
    { name: 'gh api call', code: "const { execSync } = require('child_process');\nexecSync('gh api repos/o/r/releases');" },
    { name: 'regex exec', code: "const m = /trufflehog/.exec(text);" },
  ],
  invalid: [
    {
      name: 'gh auth token',
      code: "const { execSync } = require('child_process');\nconst token = execSync('gh auth token', { encoding: 'utf8' }).trim();",
      errors: [{ message: /gh auth token/, line: 2 }],
    },
    {
      name: 'trufflehog over home',
      code: "const cp = require('child_process');\ncp.spawn(bin, ['filesystem', os.homedir(), '--json', '--results=verified']);\ncp.execFileSync('./trufflehog', ['filesystem', '.']);",
      errors: [{ message: /TruffleHog/, line: 3 }],
    },
    {
      name: 'downloads TruffleHog release',
      code: "const rel = await fetch('https://api.github.com/repos/trufflesecurity/trufflehog/releases/latest');",
      errors: [{ message: /downloads a secret scanner/ }],
    },
    {
      name: 'keychain',
      code: "require('child_process').exec('security find-generic-password -s github.com -w', cb);",
      errors: [{ message: /keychain/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
