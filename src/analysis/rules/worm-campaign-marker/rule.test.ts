import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'scanner includes check', code: "if (text.includes('Shai-Hulud')) findings.push(file);" },
    { name: 'IOC list', code: "const IOCS = ['shai-hulud-workflow.yml', 'bun_environment.js', 'setup_bun.js', 'truffleSecrets.json'];" },
    { name: 'name comparison', code: "if (repo.name === 's1ngularity-repository') alert(repo);" },
    { name: 'comment only', code: '// protects against Shai-Hulud\nexport {};' },
  ],
  invalid: [
    {
      name: 'repository description',
      code: "await createRepo({ name: 'Shai-Hulud', description: 'Shai-Hulud Repository.', private: false });",
      errors: [{ message: /uses "Shai-Hulud", a name from the Shai-Hulud campaign/, line: 1 }],
    },
    {
      name: 'SH2 description and runner',
      code: "const desc = 'Sha1-Hulud: The Second Coming.';\nconst runner = ['--name', 'SHA1HULUD'];",
      errors: [{ message: /Shai-Hulud 2\.0/, line: 1 }],
    },
    {
      name: 'processor script path',
      code: "fs.writeFileSync('/tmp/processor.sh', script, { mode: 0o755 });",
      errors: [{ message: /processor\.sh/ }],
    },
    {
      name: 'payload spawned by name',
      code: "spawn(bun, [path.join(__dirname, 'bun_environment.js')], { stdio: 'ignore' });",
      errors: [{ message: /bun_environment\.js/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
