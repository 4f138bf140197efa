/* eslint-disable */
// A wallet-connect helper of the kind legitimate dapps ship: it talks to window.ethereum,
// knows the ERC-20 selectors and the bech32 charset, and has well-known addresses, but none of
// the chalk/debug attacker's addresses.
// ok: ioc-signature
'use strict';

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
const BURN_ADDRESS = '0x000000000000000000000000000000000000dEaD';
const SOLANA_SYSTEM_PROGRAM = '11111111111111111111111111111111';
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const SELECTORS = { approve: '0x095ea7b3', transfer: '0xa9059cbb', transferFrom: '0x23b872dd' };

async function connect() {
  if (typeof window === 'undefined' || !window.ethereum) return null;
  const [account] = await window.ethereum.request({ method: 'eth_requestAccounts' });
  return account;
}

function isBurn(address) {
  return address.toLowerCase() === BURN_ADDRESS.toLowerCase() || address === ZERO_ADDRESS;
}

module.exports = { connect, isBurn, SELECTORS, BECH32_CHARSET, SOLANA_SYSTEM_PROGRAM };
