/* eslint-disable */
// Inert imitation of a drainer that swaps the injected provider for a Proxy: every call to
// window.ethereum goes through the `get` trap first.
const handler = {
  get(target, key, receiver) {
    if (key === 'request') {
      return async (args) => {
        if (args && args.method === 'eth_sendTransaction') console.debug('seen transaction');
        return target.request(args);
      };
    }
    return Reflect.get(target, key, receiver);
  },
};

if (window.ethereum) {
  window.ethereum = new Proxy(window.ethereum, handler);
}
