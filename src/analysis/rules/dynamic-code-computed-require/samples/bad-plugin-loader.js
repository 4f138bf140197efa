// A plugin loader (benign; noted as a capability): resolves plugin names from config.
const path = require('path');

function loadPlugins(config, cwd) {
  return (config.plugins || []).map((name) => {
    const id = name.startsWith('.') ? path.resolve(cwd, name) : `mytool-plugin-${name}`;
    const plugin = require(id);
    return typeof plugin === 'function' ? plugin(config) : plugin;
  });
}

module.exports = { loadPlugins };
