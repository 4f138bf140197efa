import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const DRAIN = `const tokens = ['0x1111111111222222222233333333334444444444', '0x5555555555666666666677777777778888888888'];
const spender = '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc';
for (const to of tokens) {
  await window.ethereum.request({ method: 'eth_sendTransaction', params: [{ to, data: '0x095ea7b3' + spender.slice(2).padStart(64, '0') + 'f'.repeat(64) }] });
}`;

testRule(rule, {
  valid: [
    { name: 'same code in a dapp that depends on ethers', code: DRAIN, manifest: { name: 'my-dapp', version: '1.0.0', dependencies: { ethers: '6.0.0' } } },
    { name: 'same code in a package with web3 keywords', code: DRAIN, manifest: { name: 'token-tools', version: '1.0.0', keywords: ['erc20', 'wallet'] } },
    { name: 'approval of an amount the user chose', code: "const data = '0x095ea7b3' + pad(spender) + pad(amount);\nawait window.ethereum.request({ method: 'eth_sendTransaction', params: [{ to: token, data }] });" },
    { name: 'selector table for decoding', code: "export const SELECTORS = { '0x095ea7b3': 'approve(address,uint256)', '0xa9059cbb': 'transfer(address,uint256)' };" },
  ],
  invalid: [
    {
      name: 'unlimited approvals to hard-coded addresses in a UI package',
      code: DRAIN,
      manifest: { name: 'fancy-player', version: '2.0.6', dependencies: { lit: '3.0.0' } },
      errors: [{ message: /unlimited token approve to hard-coded addresses \(3 address literals\)/, line: 4 }],
    },
    {
      name: 'permit signature with MaxUint256',
      code: "import { MaxUint256 } from './consts.js';\nconst T = ['0x1111111111222222222233333333334444444444', '0x5555555555666666666677777777778888888888'];\nconst typed = { primaryType: 'Permit', selector: '0xd505accf', value: MaxUint256.toString(), verifyingContract: T[0] };\nawait provider.request({ method: 'eth_signTypedData_v4', params: [account, JSON.stringify(typed)] });",
      errors: [{ message: /permit/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
