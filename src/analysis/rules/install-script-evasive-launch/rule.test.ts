import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'bun run of a script name', code: '', manifest: pkg({ prepare: 'bun run build' }) },
    { name: 'echo then exit 1', code: '', manifest: pkg({ preinstall: "node -e \"process.exit(0)\" || (echo 'use pnpm' && exit 1)" }) },
    { name: 'redirect of stderr', code: '', manifest: pkg({ postinstall: 'node install.js 2>&1' }) },
    { name: 'bun in a test script', code: '', manifest: pkg({ test: 'bun test.ts' }) },
  ],
  invalid: [
    { name: 'TanStack prepare', code: '', manifest: pkg({ prepare: 'bun run tanstack_runner.js  && exit 1' }), errors: 2 },
    { name: 'bun runs a file in postinstall', code: '', manifest: pkg({ postinstall: 'bun ./lib/setup.ts' }), errors: [{ message: /^postinstall runs a file with Bun/, line: 1 }] },
    { name: 'start /B', code: '', manifest: pkg({ preinstall: 'start /B node compile.js & node compile.js' }), errors: [{ message: /starts a background process \(start \/B\)/ }] },
    { name: 'nohup', code: '', manifest: pkg({ postinstall: 'nohup node agent.js >/dev/null 2>&1 &' }), errors: 2 },
    { name: 'node file then exit 1', code: '', manifest: pkg({ install: 'node x.js && exit 1' }), errors: [{ message: /fails on purpose/ }] },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
