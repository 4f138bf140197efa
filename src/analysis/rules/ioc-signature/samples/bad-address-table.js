/* eslint-disable */
// Inert test sample for the ioc-signature rule: the shape of the chalk/debug (qix, 2025-09-08)
// address-swap table. Data only: nothing here runs, hooks or sends anything.
// expect: ioc-signature
'use strict';

const replacements = {
  eth: ['0xFc4a4858bafef54D1b1d7697bfb5c52F4c166976'],
  btc: ['1H13VnQJKtT4HjD5ZFKaaiZEetMbG7nDHx', 'bc1qms4f8ys8c4z47h0q29nnmyekc9r74u5ypqw6wm'],
  trx: ['TB9emsCq6fQw6wRk4HBxxNnU6Hwt1DnV67'],
};

function describeTable() {
  return Object.keys(replacements).length + ' chains; control object name: stealthProxyControl';
}

module.exports = { describeTable };
