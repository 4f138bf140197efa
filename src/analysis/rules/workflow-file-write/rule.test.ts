import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'reads workflows', code: "const files = fs.readdirSync('.github/workflows');\nconst y = fs.readFileSync(path.join('.github', 'workflows', 'ci.yml'), 'utf8');" },
    { name: 'writes elsewhere', code: "fs.writeFileSync(path.join(out, 'workflows.json'), data);" },
    { name: 'lists workflows through the API', code: "await octokit.request('GET /repos/{owner}/{repo}/actions/workflows', { owner, repo });" },
  ],
  invalid: [
    {
      name: 'writeFileSync of a workflow',
      code: "const fs = require('fs');\nfs.mkdirSync('.github/workflows', { recursive: true });\nfs.writeFileSync('.github/workflows/shai-hulud-workflow.yml', yaml);",
      errors: [{ message: /writes a GitHub Actions workflow \(fs\.writeFileSync\)/, line: 3 }],
    },
    {
      name: 'path.join through a variable',
      code: "import { writeFile } from 'node:fs/promises';\nconst target = path.join(repo, '.github', 'workflows', `formatter_${Date.now()}.yml`);\nawait writeFile(target, body);",
      errors: [{ message: /fs\.promises\.writeFile/, line: 3 }],
    },
    {
      name: 'contents API',
      code: "await fetch(`https://api.github.com/repos/${o}/${r}/contents/.github/workflows/discussion.yaml`, { method: 'PUT', body });",
      errors: [{ message: /GitHub contents API/ }],
    },
    {
      name: 'git add',
      code: "const { execSync } = require('child_process');\nexecSync('git add .github/workflows/x.yml && git commit -m ci');",
      errors: [{ message: /shell command/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
