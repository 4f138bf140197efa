import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'unicode ranges in a regex', code: 'const combining = /[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff]/g;' },
    { name: 'HTTP token character class', code: 'const TOKEN = /^[\\x21\\x23-\\x27\\x2a\\x2b\\x2d\\x2e\\x30-\\x39\\x41-\\x5a\\x5e-\\x7a\\x7c\\x7e]+$/;' },
    { name: 'escaped script tag and control characters', code: "const end = '\\x3c/script\\x3e';\nconst ctl = '\\x00\\x01\\x02\\x1b[0m';" },
    { name: 'a single short escaped word', code: "const a = '\\x61\\x62\\x63\\x64';" },
  ],
  invalid: [
    {
      name: 'hidden module and API names',
      code: "const m = require('\\x63\\x68\\x69\\x6c\\x64\\x5f\\x70\\x72\\x6f\\x63\\x65\\x73\\x73');\nm['\\x65\\x78\\x65\\x63']('\\x77\\x68\\x6f\\x61\\x6d\\x69');\nconst h = process['\\x65\\x6e\\x76']['\\x48\\x4f\\x4d\\x45'];",
      errors: [{ message: /strings of escaped ordinary characters .*"child_process"/, line: 1 }],
    },
    { name: 'one long escaped URL', code: "const u = '\\x68\\x74\\x74\\x70\\x73\\x3a\\x2f\\x2f\\x63\\x6f\\x6c\\x6c\\x65\\x63\\x74\\x2e\\x65\\x78\\x61\\x6d\\x70\\x6c\\x65';", errors: [{ message: /"https:\/\/collect\.example"/ }] },
    { name: 'unicode-escaped words', code: "const a = '\\u0065\\u0076\\u0061\\u006c';\nconst b = '\\u0072\\u0065\\u0071\\u0075\\u0069\\u0072\\u0065';\nconst c = '\\u0066\\u0065\\u0074\\u0063\\u0068';\nconst d = '\\u0063\\u006f\\u006f\\u006b\\u0069\\u0065';", errors: [{ line: 1 }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
