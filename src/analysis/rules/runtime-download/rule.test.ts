import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'docs link to bun.sh', code: "console.log('See https://bun.sh/docs for details');" },
    { name: 'release link without running anything', code: "export const CHANGELOG = 'https://github.com/oven-sh/bun/releases';" },
    { name: 'deno.land module URL', code: "const std = 'https://deno.land/std@0.200.0/path/mod.ts';" },
  ],
  invalid: [
    {
      name: 'curl | bash',
      code: "const { execSync } = require('child_process');\nexecSync('curl -fsSL https://bun.sh/install | bash', { stdio: 'ignore' });",
      errors: [{ message: /installs the Bun \(bun\.sh\/install\) runtime from code \(installer piped to a shell\)/, line: 2 }],
    },
    {
      name: 'PowerShell irm | iex',
      code: "spawnSync('powershell', ['-c', 'irm bun.sh/install.ps1|iex']);",
      errors: [{ message: /installer piped to a shell/ }],
    },
    {
      name: 'release download and spawn',
      code: "const cp = require('child_process');\nconst url = `https://github.com/oven-sh/bun/releases/download/bun-v${v}/bun-linux-x64.zip`;\ncp.spawnSync('unzip', [file]);",
      errors: [{ message: /Bun \(GitHub release\)/, line: 2 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
