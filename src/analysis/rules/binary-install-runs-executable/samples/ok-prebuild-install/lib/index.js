module.exports = require('bindings')('sqlite');
