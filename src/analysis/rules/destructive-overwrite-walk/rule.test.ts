import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'writes .gitkeep into every directory', code: "const fs = require('fs');\nconst path = require('path');\nfunction walk(d) {\n  for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) { fs.writeFileSync(path.join(d, e.name, '.gitkeep'), ''); walk(path.join(d, e.name)); }\n}" },
    { name: 'rewrites files with transformed content', code: "const fs = require('fs');\nconst path = require('path');\nfunction walk(d) {\n  for (const f of fs.readdirSync(d)) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else fs.writeFileSync(p, header + fs.readFileSync(p, 'utf8')); }\n}" },
    { name: 'constant written to a chosen file', code: "const fs = require('fs');\nfs.writeFileSync('out/VERSION', '1.0.0');\nfs.readdirSync('out');" },
    { name: 'truncating files (empty content) is not reported', code: "const fs = require('fs');\nconst path = require('path');\nfunction walk(d) { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); fs.statSync(p).isDirectory() ? walk(p) : fs.writeFileSync(p, ''); } }" },
    { name: 'one directory, not recursive', code: "const fs = require('fs');\nconst path = require('path');\nfor (const f of fs.readdirSync('logs')) fs.writeFileSync(path.join('logs', f), 'rotated');" },
  ],
  invalid: [
    {
      name: 'node-ipc heart overwrite',
      code: "const fs = require('fs');\nconst path = require('path');\nconst h7 = (dir) => {\n  try {\n    const files = fs.readdirSync(dir);\n    files.forEach((file) => {\n      const full = path.join(dir, file);\n      if (fs.lstatSync(full).isDirectory()) h7(full);\n      else fs.writeFile(full, '❤️', () => {});\n    });\n  } catch (e) {}\n};",
      errors: [{ message: /overwrites every file found while walking directories with the constant "❤️"/, line: 9 }],
    },
    {
      name: 'recursive readdir option',
      code: "import { readdirSync, writeFileSync } from 'node:fs';\nimport { join } from 'node:path';\nfor (const f of readdirSync('.', { recursive: true })) writeFileSync(join('.', f), 'gone');",
      path: 'index.mjs',
      errors: [{ line: 3 }],
    },
    { name: 'glob walk', code: "const glob = require('glob');\nconst fs = require('fs');\nfor (const f of glob.sync('**/*', { nodir: true })) fs.writeFileSync(f, 'x');", errors: [{ line: 3 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
