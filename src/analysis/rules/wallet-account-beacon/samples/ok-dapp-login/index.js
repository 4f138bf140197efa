/* eslint-disable */
// Sign-in with Ethereum: a dapp (it depends on siwe) sends the account and a signed message to its
// own backend to log the user in.
export async function signIn(api) {
  const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' });
  const nonce = await (await fetch(api + '/nonce')).text();
  const message = `${location.host} wants you to sign in with your Ethereum account:\n${address}\n\nNonce: ${nonce}`;
  const signature = await window.ethereum.request({ method: 'personal_sign', params: [message, address] });
  return fetch(api + '/verify', { method: 'POST', body: JSON.stringify({ message, signature, address }) });
}
