// Bundler workarounds on harmless modules and dynamic property names built from variables.
const nodeUrl = typeof window === 'undefined' ? require('u' + 'rl') : null;
function getter(obj, key) {
  return obj['get' + key[0].toUpperCase() + key.slice(1)]();
}
const locale = require('./locale/' + (process.env.LANG_CODE || 'en'));
module.exports = { nodeUrl, getter, locale };
