import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'a function with p, a, c parameters', code: 'function pack(p, a, c, k, e) {\n  return [p, a, c, k, e];\n}' },
    { name: 'packer mentioned in a comment', code: '// unpack code made with eval(function(p,a,c,k,e,d) packers\nmodule.exports = unpack;' },
  ],
  invalid: [
    { name: 'packed eval', code: "eval(function(p,a,c,k,e,d){e=function(c){return c};if(!''.replace(/^/,String)){while(c--){d[c]=k[c]||c}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}('0.1(\\'2\\')',3,3,'console|log|placeholder'.split('|'),0,{}))", errors: [{ message: /packed with eval\(function\(p,a,c,k,e,d\)/, line: 1 }] },
    { name: 'packed with r variant and spaces', code: "var x = 1;\neval(function(p, a, c, k, e, r){return p}('0',1,1,'x'.split('|'),0,{}));", errors: [{ line: 2 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
