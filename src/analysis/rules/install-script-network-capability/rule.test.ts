import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'network code not run at install', code: "fetch('https://x.example.invalid');", manifest: pkg({ test: 'node index.js' }) },
    { name: 'install script without network', files: { 'i.js': "require('fs').mkdirSync('x', { recursive: true });" }, manifest: pkg({ postinstall: 'node i.js' }) },
  ],
  invalid: [
    { name: 'install.js uses https', files: { 'install.js': "const https = require('https');\nhttps.get('https://x.example.invalid/bin');" }, manifest: pkg({ postinstall: 'node install.js' }), errors: [{ message: /^postinstall -> install\.js, which makes network requests$/, line: 1 }] },
    { name: 'inline fetch', code: '', manifest: pkg({ preinstall: "node -e \"fetch('https://x.example.invalid')\"" }), errors: [{ message: /^preinstall runs inline code that makes network requests$/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
