/* eslint-disable */
// A dapp's token-approval helper: it encodes ERC-20 approve/transfer calldata itself (with an
// unlimited allowance when asked) and hands it to the wallet with eth_sendTransaction. It uses the
// provider; it does not hook it.
const APPROVE = '0x095ea7b3';
const TRANSFER = '0xa9059cbb';
const MAX_UINT256 = 'f'.repeat(64);

const pad = (hex) => hex.replace(/^0x/, '').padStart(64, '0');

export function encodeApprove(spender, amount) {
  return APPROVE + pad(spender) + (amount === 'max' ? MAX_UINT256 : pad(BigInt(amount).toString(16)));
}

export function encodeTransfer(to, amount) {
  return TRANSFER + pad(to) + pad(BigInt(amount).toString(16));
}

export async function approve({ token, spender, amount, from }) {
  const tx = { from, to: token, data: encodeApprove(spender, amount) };
  return window.ethereum.request({ method: 'eth_sendTransaction', params: [tx] });
}

export async function transfer({ token, to, amount, from }) {
  const tx = { from };
  tx.to = token;
  tx.data = encodeTransfer(to, amount);
  return window.ethereum.request({ method: 'eth_sendTransaction', params: [tx] });
}
