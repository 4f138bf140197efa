/* eslint-disable */
// Inert placeholder for the ioc-signature filename signature (node-ipc, 2022-03): the name is the indicator.
module.exports = {};
