import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'polyfill when absent (if)', code: 'if (!self.fetch) {\n  self.fetch = fetchPolyfill;\n  self.Headers = Headers;\n}' },
    { name: 'polyfill when absent (typeof)', code: "if (typeof globalThis.fetch === 'undefined') globalThis.fetch = nodeFetch;" },
    { name: 'polyfill with ||', code: 'window.fetch = window.fetch || unfetch;' },
    { name: 'polyfill in a logical expression', code: 'global.fetch || (global.fetch = require("node-fetch"));' },
    { name: 'local variable named fetch', code: "let fetch;\nfetch = require('node-fetch');" },
    { name: 'calls fetch', code: "const res = await window.fetch('/api/balance');" },
    { name: 'own XHR subclass', code: 'class MyXhr extends XMLHttpRequest { open(m, u) { super.open(m, u); } }' },
  ],
  invalid: [
    {
      name: 'replaces window.fetch',
      code: 'const orig = window.fetch;\nwindow.fetch = async (...a) => rewrite(await orig(...a));',
      errors: [{ message: /replaces window\.fetch/, line: 2 }],
    },
    {
      name: 'patches XHR open and send',
      code: 'const open = XMLHttpRequest.prototype.open;\nXMLHttpRequest.prototype.open = function (m, u) { this._u = u; return open.apply(this, arguments); };\nXMLHttpRequest.prototype.send = function (b) { return send.call(this, b); };',
      errors: [{ message: /XMLHttpRequest\.prototype\.open/, line: 2 }, { message: /XMLHttpRequest\.prototype\.send/, line: 3 }],
    },
    {
      name: 'defineProperty on window fetch',
      code: "Object.defineProperty(window, 'fetch', { value: hooked });",
      errors: [{ message: /redefines with defineProperty window\.fetch/ }],
    },
    {
      name: 'Proxy over fetch',
      code: 'globalThis.fetch = new Proxy(globalThis.fetch, { apply: (t, self, a) => t(...a) });',
      errors: [{ message: /replaces window\.fetch/ }, { message: /Proxy window\.fetch/ }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
