import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'reads one variable', code: "const mode = process.env.NODE_ENV || 'development';" },
    { name: 'passes env to a child', code: "spawn('node', ['x.js'], { env: { ...process.env, FORCE_COLOR: '1' } });" },
    { name: 'prefix filter', code: "const keys = Object.keys(process.env).filter((k) => k.startsWith('VITE_'));" },
    { name: 'stringifies one value', code: 'const s = JSON.stringify(process.env.CONFIG);' },
  ],
  invalid: [
    { name: 'JSON.stringify(process.env)', code: 'const data = JSON.stringify(process.env);', errors: [{ message: /serialises the whole process\.env \(JSON\.stringify\)/, line: 1 }] },
    { name: 'through an alias', code: 'const env = process.env;\nconst all = Object.entries(env);', errors: [{ message: /enumerates .*Object\.entries/, line: 2 }] },
    { name: 'object with env inside', code: 'const payload = JSON.stringify({ host: os.hostname(), env: process.env });', errors: 1 },
    { name: 'for in', code: 'for (const k in process.env) out.push(k + "=" + process.env[k]);', errors: [{ message: /for…in/ }] },
    { name: 'base64 of env', code: "const b = Buffer.from(JSON.stringify(process.env)).toString('base64');", errors: 1 },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
