import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const head = Array.from({ length: 12 }, (_, i) => `const v${i} = require('./m${i}');`).join('\n');
const minified = Array.from({ length: 40 }, (_, i) => `var f${i}=function(a,b){for(var c=0;c<a.length;c++){b(a[c])}return a};`).join('');
const formatted = Array.from({ length: 60 }, (_, i) => `x === ${i}`).join(' || ');

testRule(rule, {
  valid: [
    { name: 'same line in a .min.js file', code: `${head}\n${minified}\n`, path: 'lib/index.min.js' },
    { name: 'same line under dist/', code: `${head}\n${minified}\n`, path: 'dist/index.js' },
    { name: 'a long but formatted line', code: `${head}\nmodule.exports = (x) => ${formatted};\n` },
    { name: 'a long string of data', code: `${head}\nconst DATA = '${'abcdefghij'.repeat(300)}';\n` },
    { name: 'a one-line file (minified module)', code: minified },
    { name: 'an inline source map comment', code: `${head}\n//# sourceMappingURL=data:application/json;base64,${'eyJ2ZXJzaW9uIjozfQ'.repeat(120)}\n` },
  ],
  invalid: [
    { name: 'minified line appended to a plain file', code: `${head}\nmodule.exports = v0;\n${minified}\n`, errors: [{ message: /line 14 is \d+ characters of dense code in a file whose other lines are short/, line: 14 }] },
    { name: 'minified line in src/', code: `${head}\n${minified}\n${head}\n`, path: 'src/index.js', errors: [{ line: 13 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
