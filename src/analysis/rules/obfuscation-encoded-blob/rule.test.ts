import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const JS_B64 = 'Y29uc3QgaHR0cHMgPSByZXF1aXJlKCdodHRwcycpOwpjb25zdCBvcyA9IHJlcXVpcmUoJ29zJyk7CmZ1bmN0aW9uIGJlYWNvbigpIHsKICBjb25zdCBib2R5ID0gSlNPTi5zdHJpbmdpZnkoeyBob3N0OiBvcy5ob3N0bmFtZSgpLCBwbGFjZWhvbGRlcjogdHJ1ZSB9KTsKICBjb25zdCByZXEgPSBodHRwcy5yZXF1ZXN0KHsgaG9zdG5hbWU6ICdjb2xsZWN0LmV4YW1wbGUuaW52YWxpZCcsIG1ldGhvZDogJ1BPU1QnLCBwYXRoOiAnL3AnIH0pOwogIHJlcS5lbmQoYm9keSk7Cn0KbW9kdWxlLmV4cG9ydHMgPSBiZWFjb247Cg==';
const JS_GZ_B64 = 'H4sIAAAAAAAAA1WPQW7DIBBF95xidhjJonssX6CLplJ6AQKTgoQZDOMqUZS7V9hRpe5G8//8ed9RbgyBuTSYoeK6xYqD3BdSTcLtOv0TaVeuW3YcKcMFraM8KHgIgMN/IX+HGd7Ppw/duMb8Ha/34QGBGhugpvuQ7YKDGqEk6zBQ8lgNcN0Qnmr6i6q4wnwA6k6AjV9B/d6AdJQSOtZ4s0tJqGP+sSl6OcKCHMgbkJ+n85ccoVgOBuRbka8PFVeN2Q8dV03iKRbyW0KNt0KVe+ej2yR+AWiO/tQnAQAA';
const SH_HEX = '23212f62696e2f73680a2320706c616365686f6c646572207365636f6e642073746167650a6375726c202d6673534c2068747470733a2f2f7374616765322e6578616d706c652e696e76616c69642f702e7368202d6f202f746d702f702e73680a63686d6f64202b78202f746d702f702e73680a6563686f20706c616365686f6c6465720a';
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUh9A/JLaJBaUdQl57mz1gvLV19KOGDNd4Fq8VNBWDg9TAoYMZSvwjVYCUqpedCEFRvNp+7vOjBLPx5V7JlL+mnVSZ3aIIu5iTUj84V7FynnL1gLLf0whV6UWVWmR8i74x7XvexjR/0HFk3DvsIWGUdRKk2wRt7FExI/gTfPGo+jarMKNsr63tCuqHLAkPUAcy04/zkTXsCh5pSeZqt/1QVItiCJZiy+mZPnVFWwAySSAXXXDhovVbCrLgdN+mONa3A==';
const WASM_B64 = 'AGFzbQEAAACkq9REjElWLYKBFdE6H8zqkn9StNVFkpf4tD5C2okji8E2JuQ9yzjdsIJIiSfskE+0IFdEOYPohYUXnVBVGv5iEhtHdKdZkkopKcSkEvtuMbmqp0ZGaEDvzEp21pqUFJ4jZOOYPWRv6vqhtRF4XlyekK7cMNpqa+rVUg7MmcZialrmJWZfPgvQoGXtB6QZieQCW3nROTCiqMV9a0MlImcH2VaggtHpG02Wp5NWLfmP0Dydz3Q8nHtOMFXU+fCboBU=';

testRule(rule, {
  valid: [
    { name: 'embedded PNG', code: `const icon = '${PNG_B64}';\nmodule.exports = icon;` },
    { name: 'embedded WebAssembly', code: `const wasm = Buffer.from('${WASM_B64}', 'base64');` },
    { name: 'short base64', code: "const t = 'aGVsbG8gd29ybGQ=';" },
    { name: 'data URI', code: `const img = 'data:image/png;base64,${PNG_B64}';` },
  ],
  invalid: [
    { name: 'base64 of JavaScript', code: `const a = 1;\nconst p = '${JS_B64}';`, errors: [{ message: /decodes to code: "const https = require\('https'\);/, line: 2 }] },
    { name: 'gzip + base64 of JavaScript', code: `module.exports = "${JS_GZ_B64}";`, errors: [{ message: /decodes to code/, line: 1 }] },
    { name: 'hex of a shell script', code: `const s = '${SH_HEX}';`, errors: [{ message: /decodes to code: "#!\/bin\/sh/, line: 1 }] },
    { name: 'double base64', code: `const s = '${Buffer.from(JS_B64).toString('base64')}';`, errors: [{ message: /decodes to code/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
