/* eslint-disable */
// A page-analytics snippet: it beacons page views, and only checks whether a wallet is present
// (a boolean) without asking it for accounts.
export function track(endpoint) {
  const hasWallet = typeof window.ethereum !== 'undefined';
  navigator.sendBeacon(endpoint, JSON.stringify({ page: location.pathname, hasWallet, ref: document.referrer }));
}
