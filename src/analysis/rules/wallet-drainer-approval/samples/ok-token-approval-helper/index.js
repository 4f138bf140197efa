// A small helper that encodes ERC-20 approve calldata for the token, spender and amount its caller
// passes; it knows no addresses of its own and never talks to a wallet.
const APPROVE = '0x095ea7b3';
const MAX = 'f'.repeat(64);

const pad = (hex) => hex.toLowerCase().replace(/^0x/, '').padStart(64, '0');

export function encodeApprove(spender, amount) {
  return APPROVE + pad(spender) + (amount === 'max' ? MAX : pad(BigInt(amount).toString(16)));
}
