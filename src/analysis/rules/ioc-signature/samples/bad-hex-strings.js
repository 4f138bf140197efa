/* eslint-disable */
// Inert test sample for the ioc-signature rule: the hex string table of the flatmap-stream
// loader (event-stream, 2018-11), decoded only to print it. No require, no decipher, no eval.
// expect: ioc-signature
'use strict';

const table = ['2e2f746573742f64617461', '6e706d5f7061636b6167655f6465736372697074696f6e'];

module.exports = table.map((hex) => Buffer.from(hex, 'hex').toString('utf8'));
