/* eslint-disable */
// Inert test sample for the ioc-signature rule: names the Shai-Hulud worm (2025-09-15) used,
// as plain strings in a report helper. Nothing is written, spawned or sent.
// expect: ioc-signature
'use strict';

const KNOWN = {
  workflow: '.github/workflows/shai-hulud-workflow.yml',
  helper: '/tmp/processor.sh',
  description: 'Shai-Hulud Repository.',
};

module.exports = function label(key) {
  return Object.prototype.hasOwnProperty.call(KNOWN, key) ? KNOWN[key] : 'unknown';
};
