import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'prints a hint', code: "console.log('run npm publish when ready');" },
    { name: 'npm install', code: "const { execSync } = require('child_process');\nexecSync('npm install --ignore-scripts');" },
    { name: 'reads the version', code: "const { execSync } = require('child_process');\nexecSync('node --version');" },
  ],
  invalid: [
    { name: 'execSync npm publish', code: "const { execSync } = require('child_process');\nexecSync(`npm publish ${tgz} --access public`);", errors: [{ message: /runs npm publish from package code/, line: 2 }] },
    { name: 'spawn with args', code: "const cp = require('child_process');\ncp.spawnSync('pnpm', ['publish', '--no-git-checks']);", errors: [{ message: /pnpm publish/ }] },
    { name: 'npm version', code: "import { execa } from 'execa';\nawait execa('npm', ['version', 'patch', '--no-git-tag-version']);", errors: [{ message: /npm version/ }] },
    { name: 'libnpmpublish', code: "const { publish } = require('libnpmpublish');\nawait publish(manifest, tarball, opts);", errors: [{ message: /libnpmpublish/ }] },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
