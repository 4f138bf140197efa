// A multi-chain address validator (in the style of multicoin-address-validator): address regexes
// for several chains, used to test input, never to replace it.
const PATTERNS = {
  ETH: /^0x[a-fA-F0-9]{40}$/,
  BTC: /^(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[a-z0-9]{39,59})$/,
  LTC: /^(?:[LM3][a-km-zA-HJ-NP-Z1-9]{26,33}|ltc1[a-z0-9]{39,59})$/,
  TRX: /^T[1-9A-HJ-NP-Za-km-z]{33}$/,
  BCH: /^(?:bitcoincash:)?[qp][a-z0-9]{41}$/,
  SOL: /^[1-9A-HJ-NP-Za-km-z]{32,44}$/,
};

export function validate(address, chain) {
  const re = PATTERNS[String(chain).toUpperCase()];
  if (!re) throw new Error('unsupported chain ' + chain);
  return re.test(String(address).trim());
}

export function detectChain(address) {
  for (const [chain, re] of Object.entries(PATTERNS)) if (re.test(address)) return chain;
  return null;
}

export function normalize(address) {
  return address.trim().replace(/^bitcoincash:/, '');
}
