import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'tunnel client API host', code: "const API = 'https://api.trycloudflare.com/tunnel';" },
    { name: 'tunnel name built at run time', code: 'const url = `https://${subdomain}.ngrok.io`;' },
    { name: 'service home page', code: "console.log('get a token at https://ngrok.com and https://localtunnel.me');" },
  ],
  invalid: [
    {
      name: 'ngrok-free tunnel',
      code: "fetch('https://a1b2-198-18-0-1.ngrok-free.app/collect', { method: 'POST', body });",
      errors: [{ message: /a1b2-198-18-0-1\.ngrok-free\.app, a ngrok-free\.app tunnel/, line: 1 }],
    },
    {
      name: 'trycloudflare quick tunnel as a constant',
      code: "const C2 = 'wss://' + 'quiet-river-example.trycloudflare.com' + '/ws';\nnew WebSocket(C2);",
      errors: [{ message: /quiet-river-example\.trycloudflare\.com/, line: 1 }],
    },
    { name: 'localtunnel host', code: "https.get({ host: 'fuzzy-cat-42.loca.lt', path: '/x' });", errors: [{ message: /loca\.lt tunnel/ }] },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
