import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'octokit endpoint table', code: "export const Endpoints = { repos: { createForAuthenticatedUser: ['POST /user/repos'], listForAuthenticatedUser: ['GET /user/repos'] } };\nconst t = process.env.GITHUB_TOKEN;" },
    { name: 'lists repositories with a token', code: "await fetch('https://api.github.com/user/repos?per_page=100', { headers: { authorization: 'token ' + process.env.GITHUB_TOKEN } });" },
    { name: 'creates a repository without a token in sight', code: "export const create = (octokit, name) => octokit.rest.repos.createForAuthenticatedUser({ name });" },
  ],
  invalid: [
    {
      name: 'fetch POST /user/repos with GITHUB_TOKEN',
      code: "const token = process.env.GITHUB_TOKEN;\nawait fetch('https://api.github.com/user/repos', { method: 'POST', headers: { authorization: `token ${token}` }, body: JSON.stringify({ name: 'Shai-Hulud', private: false }) });",
      errors: [{ message: /creates GitHub repositories \(POST …\/user\/repos\) with a token \(process\.env\.GITHUB_TOKEN\)/, line: 2 }],
    },
    {
      name: 'octokit request route',
      code: "const octokit = new Octokit({ auth: stolen });\nawait octokit.request('POST /user/repos', { name: 's1ngularity-repository' });",
      errors: [{ message: /POST \/user\/repos\) with a token \(Octokit auth\)/, line: 2 }],
    },
    {
      name: 'octokit method with a gh token check',
      code: "export async function go(gh, t) {\n  if (!/^(gho_|ghp_)/.test(t)) return;\n  await gh.rest.repos.createForAuthenticatedUser({ name: rnd(18), description: 'x' });\n}",
      errors: [{ message: /repos\.createForAuthenticatedUser/ }],
    },
    {
      name: 'helper with method and path apart (GitHub Enterprise host)',
      code: "const API = 'https://ghe.example.invalid/api/v3';\nasync function api(method, path, token, body) { return fetch(API + path, { method, headers: { authorization: 'token ' + token }, body: JSON.stringify(body) }); }\nawait api('POST', '/user/repos', process.env.GH_TOKEN, { name: 'x' });",
      errors: [{ message: /api\('POST', '\/user\/repos'\)/, line: 3 }],
    },
    {
      name: 'gh repo create',
      code: "const { execSync } = require('child_process');\nconst tok = execSync('gh auth token').toString();\nexecSync('gh repo create loot --public');",
      errors: [{ message: /gh repo create/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
