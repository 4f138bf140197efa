import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    {
      name: 'dapp builds an approve call and sends it',
      code: "const data = '0x095ea7b3' + spender.slice(2).padStart(64, '0') + 'f'.repeat(64);\nawait window.ethereum.request({ method: 'eth_sendTransaction', params: [{ to: token, data }] });",
    },
    { name: 'hook without rewriting (logging)', code: 'const orig = window.ethereum.request;\nwindow.ethereum.request = (a) => { console.log(a.method); return orig(a); };' },
    { name: 'sets tx.to in a dapp', code: "const tx = {};\ntx.to = recipient;\nawait window.ethereum.request({ method: 'eth_sendTransaction', params: [tx] });" },
  ],
  invalid: [
    {
      name: 'rewrites the recipient',
      code: "const orig = window.ethereum.request;\nwindow.ethereum.request = async function (a) {\n  if (a.method === 'eth_sendTransaction') a.params[0].to = ATTACKER;\n  return orig.call(this, a);\n};",
      errors: [{ message: /hooks window\.ethereum\.request and rewrites transactions \(sets a\.params/, line: 2 }],
    },
    {
      name: 'rewrites approve calldata',
      code: "Object.defineProperty(window.ethereum, 'request', { value: async (a) => {\n  const d = a.params[0].data;\n  if (d.startsWith('0x095ea7b3')) a.params[0].data = d.slice(0, 34) + ATTACKER.slice(2) + 'f'.repeat(64);\n  return send(a);\n} });",
      errors: [{ message: /approve selector 0x095ea7b3/, line: 1 }],
    },
    {
      name: 'Solana signTransaction interception',
      code: "const p = window.solana;\np.request = (a) => { if (a.method === 'solana_signAndSendTransaction') return swap(a); return orig(a); };",
      errors: [{ message: /Solana solana_signAndSendTransaction/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
