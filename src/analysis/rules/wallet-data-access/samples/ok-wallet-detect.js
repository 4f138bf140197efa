/* eslint-disable */
// A dapp's wallet picker: it knows wallet extensions by their store ids to show install links,
// and detects installed ones through the injected providers. No file system access.
export const WALLETS = [
  { name: 'MetaMask', id: 'nkbihfbeogaeaoehlefnkodbefgpgknn', detect: () => Boolean(window.ethereum?.isMetaMask) },
  { name: 'Phantom', id: 'bfnaelmomeimhlpmgjnjophhpkkoljpa', detect: () => Boolean(window.phantom?.solana?.isPhantom) },
  { name: 'Coinbase Wallet', id: 'hnfanknocfeofbddgcijnmhnfnkdnaad', detect: () => Boolean(window.ethereum?.isCoinbaseWallet) },
];

export function installUrl(wallet, store = 'https://store.example.invalid/detail/') {
  return store + wallet.id;
}

export function installed() {
  return WALLETS.filter((w) => w.detect());
}
