// A token list (in the style of a dapp's default token list): many hard-coded contract addresses,
// a validator regex, and no replacement of addresses in text.
export const TOKENS = [
  { symbol: 'AAA', address: '0x1111111111222222222233333333334444444444', decimals: 18 },
  { symbol: 'BBB', address: '0x5555555555666666666677777777778888888888', decimals: 6 },
  { symbol: 'CCC', address: '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc', decimals: 18 },
  { symbol: 'DDD', address: '0xddddddddddeeeeeeeeeeffffffffff0000000000', decimals: 8 },
  { symbol: 'EEE', address: '0x0123456789abcdef0123456789abcdef01234567', decimals: 18 },
];

const ADDRESS = /^0x[a-fA-F0-9]{40}$/;

export function findToken(address) {
  if (!ADDRESS.test(address)) return undefined;
  return TOKENS.find((t) => t.address.toLowerCase() === address.toLowerCase());
}
