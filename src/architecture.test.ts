import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's layering, enforced: which folder may import which, and that a folder is entered
 * only through its index.ts. Tests and test-support may reach anywhere.
 */
const allowed: Record<string, string[]> = {
  core: [],
  graph: ['core'],
  config: ['core'],
  readers: ['graph', 'core'],
  advisories: ['core'],
  caches: ['core'],
  registry: ['core'],
  infra: ['advisories', 'core'],
  analysis: ['core'],
  diff: ['analysis', 'core'],
  remediation: ['graph', 'advisories', 'core'],
  gate: ['advisories', 'registry', 'core'],
  report: ['diff', 'analysis', 'advisories', 'graph', 'core'],
  app: ['readers', 'graph', 'advisories', 'analysis', 'diff', 'gate', 'caches', 'infra', 'registry', 'remediation', 'report', 'config', 'core'],
  cli: ['app', 'report', 'config', 'core'],
  '.': ['app', 'report', 'config', 'core'],
};

const src = resolve(__dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' || name === 'test-support' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const layerOf = (file: string) => relative(src, file).split('/')[0]!.replace(/\.ts$/, '').replace(/^index$/, '.');

describe('architecture', () => {
  const files = sourceFiles(src);
  const violations: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const spec = (m[1] ?? m[2])!;
      const target = resolve(dirname(file), spec);
      const to = layerOf(target);
      if (to === from) continue;
      if (!(allowed[from] ?? []).includes(to)) violations.push(`${relative(src, file)} imports ${to}/ (not allowed from ${from}/)`);
      else if (relative(src, target) !== `${to}/index.js`) violations.push(`${relative(src, file)} imports ${spec}: go through ${to}/index.ts`);
    }
  }

  it('covers every top-level folder', () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory());
    expect(folders.filter((f) => !(f in allowed))).toEqual([]);
  });

  it('keeps imports one-way and through index.ts', () => {
    expect(violations).toEqual([]);
  });
});
