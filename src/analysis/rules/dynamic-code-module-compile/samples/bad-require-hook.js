// A require hook in the style of pirates/@babel/register (benign; noted as a capability).
const Module = require('module');

function addHook(transform, exts = ['.js']) {
  const original = {};
  for (const ext of exts) {
    const loader = Module._extensions[ext];
    original[ext] = loader;
    Module._extensions[ext] = function (mod, filename) {
      const compile = mod._compile;
      mod._compile = function (code) {
        mod._compile = compile;
        return mod._compile(transform(code, filename), filename);
      };
      loader(mod, filename);
    };
  }
  return () => exts.forEach((ext) => (Module._extensions[ext] = original[ext]));
}

module.exports = { addHook };
