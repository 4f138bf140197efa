/* eslint-disable */
// A wallet connector as dapps write it (in the style of wagmi's injected connector): it finds the
// injected provider, asks for accounts, switches chains and listens for events. It calls the
// provider's methods; it never replaces them.
export function getInjectedProvider() {
  if (typeof window === 'undefined') return undefined;
  const ethereum = window.ethereum;
  if (!ethereum) return undefined;
  if (Array.isArray(ethereum.providers)) return ethereum.providers.find((p) => p.isMetaMask) ?? ethereum.providers[0];
  return ethereum;
}

export async function connect({ chainId } = {}) {
  const provider = getInjectedProvider();
  if (!provider) throw new Error('No injected wallet found');
  const accounts = await provider.request({ method: 'eth_requestAccounts' });
  let currentChainId = await provider.request({ method: 'eth_chainId' });
  if (chainId && Number(currentChainId) !== chainId) {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x' + chainId.toString(16) }] });
    currentChainId = chainId;
  }
  provider.on('accountsChanged', onAccountsChanged);
  provider.on('chainChanged', onChainChanged);
  return { account: accounts[0], chainId: Number(currentChainId) };
}

export async function sendTransaction(tx) {
  const provider = getInjectedProvider();
  return provider.request({ method: 'eth_sendTransaction', params: [tx] });
}

function onAccountsChanged(accounts) {
  window.dispatchEvent(new CustomEvent('wallet:accounts', { detail: accounts }));
}

function onChainChanged(chainId) {
  window.dispatchEvent(new CustomEvent('wallet:chain', { detail: Number(chainId) }));
}
