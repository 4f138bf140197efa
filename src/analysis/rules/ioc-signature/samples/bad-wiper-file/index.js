/* eslint-disable */
module.exports = require('./dao/ssl-geospec.js');
