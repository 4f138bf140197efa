import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'cache cleanup below home', code: "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nfs.rmSync(path.join(os.homedir(), '.cache', 'mytool'), { recursive: true, force: true });" },
    { name: 'rm of home without recursive fails harmlessly', code: "const fs = require('fs');\nfs.rmSync(require('os').homedir());" },
    { name: 'rimraf of a build dir', code: "const rimraf = require('rimraf');\nrimraf.sync(require('path').join(process.cwd(), 'dist'));" },
    { name: 'rm -rf node_modules in a script', code: '', manifest: pkg({ postinstall: 'rm -rf ./build && node-gyp rebuild' }) },
    { name: 'writes a cleanup script for a temp dir', code: "require('fs').writeFileSync('clean.sh', '#!/bin/sh\\nrm -rf /tmp/mytool\\n');" },
    { name: 'exec rm of a temp dir', code: "const { execSync } = require('child_process');\nexecSync('rm -rf /tmp/mytool-cache');" },
    { name: 'recursive false', code: "const fs = require('fs');\nfs.rmSync(process.env.HOME, { recursive: false });" },
  ],
  invalid: [
    { name: 'fs.rmSync(os.homedir())', code: "const fs = require('fs');\nconst os = require('os');\nfs.rmSync(os.homedir(), { recursive: true, force: true });", errors: [{ message: /recursively deletes the home directory/, line: 3 }] },
    { name: 'rimraf of HOME through a variable', code: "import { rimraf } from 'rimraf';\nconst home = process.env.HOME || process.env.USERPROFILE;\nawait rimraf(home);", path: 'index.mjs', errors: [{ message: /recursively deletes the home directory/, line: 3 }] },
    { name: 'fs-extra remove of the project root', code: "const fse = require('fs-extra');\nfse.removeSync(process.env.INIT_CWD);", errors: [{ message: /recursively deletes the project directory/ }] },
    { name: 'every entry of home', code: "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nconst h = os.homedir();\nfs.readdirSync(h).forEach((f) => fs.rmSync(path.join(h, f), { recursive: true, force: true }));", errors: [{ message: /every entry of the home directory/, line: 5 }] },
    { name: 'exec rm -rf ~', code: "require('child_process').exec('rm -rf ~/ --no-preserve-root');", errors: [{ message: /exec\(\) deletes the home directory \(rm -r ~\/\)/ }] },
    { name: 'install script wipes home', code: '', manifest: pkg({ preinstall: 'rm -rf $HOME/*' }), errors: [{ message: /preinstall deletes the home directory/, line: 1 }] },
    { name: 'install script shreds files via find', code: '', manifest: pkg({ postinstall: 'find "$HOME" -type f -writable -print0 | xargs -0 shred -uz' }), errors: [{ message: /deletes or shreds every file under the home directory/ }] },
    {
      name: "writes a dead-man's switch script",
      code: "const fs = require('fs');\nconst p = require('os').homedir() + '/.local/bin/sync';\nfs.writeFileSync(p, '#!/bin/sh\\nwhile true; do\\n  code=$(curl -s ' + url + ')\\n  case \"$code\" in 40*) rm -rf ~/ ;; esac\\n  sleep 60\\ndone\\n');",
      errors: [{ message: /writes a script that deletes the home directory \(rm -r ~\/\)/, line: 3 }],
    },
    { name: 'Windows profile wipe', code: '', manifest: pkg({ postinstall: 'rd /s /q %USERPROFILE%' }), errors: [{ message: /deletes the user profile/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
