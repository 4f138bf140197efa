import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePackage, mergeAnalyses } from './engine.js';
import { allRules } from './rules/index.js';
import type { Manifest, PackageInfo } from './types.js';

const incidents = join(__dirname, 'fixtures', 'incidents');

function listFiles(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const path = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, path) : [path];
  });
}

function packageAt(dir: string): { pkg: PackageInfo; readFile: (f: string) => Uint8Array | undefined } {
  const files = listFiles(dir).sort();
  const manifest = files.includes('package.json') ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest) : null;
  const pkg: PackageInfo = { name: String(manifest?.['name'] ?? 'x'), version: null, manifest, files, executables: [] };
  // Bytes, as the app reads them: the engine decodes only what its prefilter calls for.
  return { pkg, readFile: (f) => (files.includes(f) ? readFileSync(join(dir, f)) : undefined) };
}

describe('analyzePackage split into parts', () => {
  for (const id of readdirSync(incidents, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    it(`${id}: the merged parts equal the whole`, () => {
      const { pkg, readFile } = packageAt(join(incidents, id));
      const whole = analyzePackage(pkg, { rules: allRules, path: id, readFile });
      const even = pkg.files.filter((_, i) => i % 2 === 0);
      const odd = pkg.files.filter((_, i) => i % 2 === 1);
      const parts = [
        analyzePackage(pkg, { rules: allRules, path: id, readFile, files: odd, manifest: false }),
        analyzePackage(pkg, { rules: allRules, path: id, readFile, files: even }),
      ];
      expect(mergeAnalyses(parts)).toEqual(whole);
      expect(whole.verdict).toBe('malicious');
    });
  }

  it('runs the manifest hooks only where asked', () => {
    const { pkg, readFile } = packageAt(join(incidents, readdirSync(incidents).find((n) => n.startsWith('shai-hulud'))!));
    const without = analyzePackage(pkg, { rules: allRules, path: 'x', readFile, files: [], manifest: false });
    expect(without.findings).toEqual([]);
    expect(without.stats.files).toBe(0);
  });
});
