import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'reads the project .env', code: "require('fs').readFileSync('.env', 'utf8');" },
    { name: 'mentions .npmrc in a message', code: "console.log('add your token to ~/.npmrc');" },
    { name: 'reads package.json', code: "const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));" },
    { name: 'checks existence only', code: "const has = fs.existsSync(path.join(os.homedir(), '.npmrc'));" },
  ],
  invalid: [
    {
      name: 'reads ~/.npmrc',
      code: "const fs = require('fs');\nconst rc = fs.readFileSync(require('path').join(require('os').homedir(), '.npmrc'), 'utf8');",
      errors: [{ message: /reads npm token \(\.npmrc\)/, line: 2 }],
    },
    {
      name: 'reads an SSH key through a variable',
      code: "const keyPath = `${process.env.HOME}/.ssh/id_ed25519`;\nconst key = await fs.promises.readFile(keyPath);",
      errors: [{ message: /SSH keys/, line: 2 }],
    },
    {
      name: 'AWS credentials',
      code: "import { readFile } from 'node:fs/promises';\nimport { homedir } from 'node:os';\nawait readFile(homedir() + '/.aws/credentials', 'utf8');",
      errors: [{ message: /AWS credentials/, line: 3 }],
    },
    {
      name: 'cat of gh hosts.yml',
      code: "const { execSync } = require('child_process');\nexecSync('cat ~/.config/gh/hosts.yml');",
      errors: [{ message: /GitHub CLI token/ }],
    },
    {
      name: 'split name',
      code: "fs.readFileSync(path.join(home, '.git-' + 'credentials'));",
      errors: [{ message: /git credentials/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
