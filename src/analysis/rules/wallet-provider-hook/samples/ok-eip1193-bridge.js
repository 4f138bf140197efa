/* eslint-disable */
// A provider implementation (in the style of an EIP-1193 bridge or an in-page provider): it
// defines request/send/sendAsync on its own class and hands itself to the page via EIP-6963
// announcements, instead of overwriting an existing window.ethereum.
export class BridgeProvider {
  constructor(transport) {
    this.transport = transport;
    this.request = this.request.bind(this);
    this.send = this.send.bind(this);
    this.sendAsync = this.sendAsync.bind(this);
  }

  async request({ method, params }) {
    return this.transport.call(method, params ?? []);
  }

  send(method, params) {
    return this.request({ method, params });
  }

  sendAsync(payload, callback) {
    this.request(payload).then((result) => callback(null, { id: payload.id, jsonrpc: '2.0', result }), callback);
  }
}

export function announce(provider, info) {
  const detail = Object.freeze({ info, provider });
  const announceProvider = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  announceProvider();
  window.addEventListener('eip6963:requestProvider', announceProvider);
  if (!window.ethereum) console.info('no injected ethereum provider; using the bridge via EIP-6963 only');
}
