import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'one kind (npm config)', code: "const rc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');\nconst proj = fs.readFileSync('.npmrc', 'utf8');" },
    { name: 'names three kinds but reads nothing (docs table)', code: "export const FILES = ['~/.npmrc', '~/.aws/credentials', '~/.ssh/id_rsa'];" },
    { name: 'two kinds', code: "fs.readFileSync(home + '/.docker/config.json');\nfs.readFileSync(home + '/.kube/config');" },
  ],
  invalid: [
    {
      name: 'target list plus a read loop',
      code: "const targets = ['.npmrc', '.git-credentials', '.aws/credentials', '.ssh/id_rsa'];\nfor (const t of targets) out[t] = fs.readFileSync(path.join(os.homedir(), t), 'utf8');",
      errors: [{ message: /goes after 4 kinds of credential files: npm token \(\.npmrc\), git credentials/, line: 1 }],
    },
    {
      name: 'three separate reads',
      code: "const a = fs.readFileSync(`${h}/.npmrc`);\nconst b = fs.readFileSync(`${h}/.config/gh/hosts.yml`);\nconst c = fs.readFileSync(`${h}/.docker/config.json`);",
      errors: [{ message: /3 kinds/, line: 1 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
