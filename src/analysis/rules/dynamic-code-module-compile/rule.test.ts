import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'require of module for builtinModules', code: "const { builtinModules } = require('module');\nmodule.exports = builtinModules.includes('fs');" },
    { name: 'a _compile method called with a constant', code: "m._compile('module.exports = 1', 'x.js');" },
    { name: 'createRequire', code: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);", path: 'index.mjs' },
  ],
  invalid: [
    {
      name: 'require-from-string',
      code: "const Module = require('module');\nmodule.exports = function (code, filename) {\n  const m = new Module(filename, module.parent);\n  m.filename = filename;\n  m._compile(code, filename);\n  return m.exports;\n};",
      errors: [{ message: /creates a module object by hand to compile code into it \(2 places in this file\)/, line: 3 }],
    },
    { name: 'new module.constructor', code: 'var f = new module.constructor();\nf.paths = module.paths;', errors: [{ message: /creates a module object by hand/, line: 1 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
