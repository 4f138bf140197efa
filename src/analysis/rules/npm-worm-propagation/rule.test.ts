import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'release tool publishes its own package', code: "const { execSync } = require('child_process');\nexecSync('npm whoami');\nexecSync('npm publish --tag next');" },
    { name: 'registry search UI without publish', code: "fetch(registry + '/-/v1/search?text=maintainer:' + user + '&size=20');" },
    { name: 'scaffolder writes a postinstall but never publishes', code: "pkg.scripts.postinstall = 'node scripts/setup.js';\nfs.writeFileSync('package.json', JSON.stringify(pkg));" },
  ],
  invalid: [
    {
      name: 'search by maintainer then publish',
      code: "const { execSync } = require('child_process');\nconst list = await (await fetch(`${reg}/-/v1/search?text=maintainer:${user}&size=20`)).json();\nfor (const p of list.objects) execSync(`npm publish ${p.tgz}`);",
      errors: [{ message: /spreads through npm: npm publish together with code that lists the maintainer's packages/, line: 3 }],
    },
    {
      name: 'inject postinstall and repack',
      code: "const { execSync } = require('child_process');\npkg.scripts = { ...pkg.scripts, postinstall: 'node bundle.js' };\nexecSync(`tar -uf ${tar} package/bundle.js package/package.json`);\nexecSync(`npm publish ${tgz}`);",
      errors: [{ message: /injects a postinstall hook.*repacks tarballs/, line: 4 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
