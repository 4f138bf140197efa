import type { Manifest } from '../../types.js';

/** Dependencies that make a package a web3 package, in which approvals are its job. */
const WEB3_DEPENDENCY = /^(?:ethers|web3|viem|wagmi|@wagmi\/|@ethersproject\/|@walletconnect\/|@web3modal\/|@reown\/|@rainbow-me\/|@metamask\/|@coinbase\/|@solana\/|@uniswap\/|@thirdweb-dev\/|thirdweb|@alchemy\/|alchemy-sdk|moralis|@moralisweb3\/|web3modal|@safe-global\/|@openzeppelin\/|siwe|@privy-io\/|@dynamic-labs\/|@web3-onboard\/|@0x\/|permit2|@1inch\/|@cowprotocol\/|@lifi\/|@across-protocol\/|@chainlink\/|hardhat|@nomicfoundation\/|truffle|@truffle\/)/;

/** Whether the package says it is about wallets/chains (a dependency or keyword): approvals and accounts are its job. */
export function isWeb3Package(manifest: Manifest | null): boolean {
  if (!manifest) return false;
  for (const field of ['dependencies', 'peerDependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = manifest[field];
    if (deps && typeof deps === 'object' && Object.keys(deps).some((d) => WEB3_DEPENDENCY.test(d))) return true;
  }
  const keywords = manifest['keywords'];
  return Array.isArray(keywords) && keywords.some((k) => typeof k === 'string' && /^(?:web3|ethereum|wallet|dapp|defi|erc20|evm|crypto)$/i.test(k));
}

