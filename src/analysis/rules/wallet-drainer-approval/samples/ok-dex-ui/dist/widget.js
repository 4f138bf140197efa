// A swap widget (a dapp component that depends on viem): before a swap it asks for an unlimited
// approval of the input token to the router, which is how DEX front-ends work.
const ROUTER = '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc';
const TOKENS = { AAA: '0x1111111111222222222233333333334444444444', BBB: '0x5555555555666666666677777777778888888888' };
const pad = (a) => a.toLowerCase().replace(/^0x/, '').padStart(64, '0');

export async function approveRouter(provider, from, symbol) {
  const data = '0x095ea7b3' + pad(ROUTER) + 'f'.repeat(64);
  return provider.request({ method: 'eth_sendTransaction', params: [{ from, to: TOKENS[symbol], data }] });
}
