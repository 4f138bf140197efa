module.exports = require('bindings')('hash');
