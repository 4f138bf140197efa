// Uses the module builtin only to list core modules.
const { builtinModules, isBuiltin } = require('module');

module.exports = function isCore(name) {
  return typeof isBuiltin === 'function' ? isBuiltin(name) : builtinModules.includes(name.replace(/^node:/, ''));
};
