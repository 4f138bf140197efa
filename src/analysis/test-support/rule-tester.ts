import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePackage } from '../engine.js';
import { isExecutable } from '../executables.js';
import type { Finding, Manifest, PackageAnalysis, PackageInfo, Rule } from '../types.js';

/**
 * ESLint's RuleTester, for chainwatch rules: each case is a tiny package (one file `code` at
 * `path`, or several `files`, and a manifest) run through the real engine with only this rule.
 * Valid cases must produce no finding of the rule, invalid ones exactly the errors listed.
 * Duplicate cases are refused: a copy-pasted case tests nothing new.
 */
export interface RuleCase {
  name: string;
  /** Shorthand for `files: { [path]: code }`. */
  code?: string;
  path?: string;
  files?: Record<string, string>;
  manifest?: Manifest;
}

export interface InvalidCase extends RuleCase {
  /** How many findings, or each one's message (pattern) and line. */
  errors: number | { message?: RegExp; line?: number }[];
}

export function testRule(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    const seen = new Set<string>();
    for (const c of [...cases.valid, ...cases.invalid]) {
      const key = JSON.stringify([c.code, c.path, c.files, c.manifest]);
      if (seen.has(key)) throw new Error(`rule ${rule.meta.id}: duplicate case "${c.name}"`);
      seen.add(key);
    }
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(findingsOf(rule, runCase(rule, c)).map(describeFinding)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = findingsOf(rule, runCase(rule, c));
        if (typeof c.errors === 'number') {
          expect(found.map(describeFinding)).toHaveLength(c.errors);
          return;
        }
        expect(found, found.map(describeFinding).join('\n')).toHaveLength(c.errors.length);
        c.errors.forEach((want, i) => {
          if (want.message) expect(found[i]!.message).toMatch(want.message);
          if (want.line !== undefined) expect(found[i]!.line).toBe(want.line);
        });
      });
    }
  });
}

/**
 * The samples beside a rule: `samples/bad-*` must be reported by it, `samples/ok-*` must not.
 * A sample is a single file (it becomes the package's `index.js`, or keeps its name when it is
 * `*.package.json`-less) or a directory holding a whole package.
 */
export function testSamples(rule: Rule, samplesDir: string): void {
  describe(`rule ${rule.meta.id} samples`, () => {
    const names = existsSync(samplesDir) ? readdirSync(samplesDir).filter((n) => /^(bad|ok)-/.test(n)).sort() : [];
    it('has at least two bad and two ok samples', () => {
      expect(names.filter((n) => n.startsWith('bad-')).length).toBeGreaterThanOrEqual(2);
      expect(names.filter((n) => n.startsWith('ok-')).length).toBeGreaterThanOrEqual(2);
    });
    for (const name of names) {
      it(name, () => {
        const found = findingsOf(rule, analyzeSample(join(samplesDir, name), [rule]));
        if (name.startsWith('bad-')) expect(found.length, `${name} should be reported by ${rule.meta.id}`).toBeGreaterThan(0);
        else expect(found.map(describeFinding), `${name} should not be reported by ${rule.meta.id}`).toEqual([]);
      });
    }
  });
}

/** Runs rules over a sample file or package directory on disk. */
export function analyzeSample(path: string, rules: readonly Rule[]): PackageAnalysis {
  if (statSync(path).isDirectory()) {
    const files = listFiles(path);
    const text = (file: string) => {
      const buf = readFileSync(join(path, file));
      return buf.includes(0) ? undefined : buf.toString('utf8');
    };
    const manifestText = files.includes('package.json') ? text('package.json') : undefined;
    const manifest = manifestText ? (JSON.parse(manifestText) as Manifest) : null;
    const pkg: PackageInfo = {
      name: typeof manifest?.['name'] === 'string' ? manifest['name'] : 'sample',
      version: typeof manifest?.['version'] === 'string' ? manifest['version'] : null,
      manifest,
      files,
      executables: files.filter((f) => isExecutable(readFileSync(join(path, f)))),
    };
    return analyzePackage(pkg, { rules, path, readFile: (f) => (files.includes(f) ? text(f) : undefined) });
  }
  const file = path.split(sep).pop()!.replace(/^(bad|ok)-/, '');
  const ext = file.slice(file.lastIndexOf('.'));
  return runFiles(rules, { [`index${ext}`]: readFileSync(path, 'utf8') }, { name: 'sample', version: '1.0.0' }, path);
}

function runCase(rule: Rule, c: RuleCase): PackageAnalysis {
  const files = c.files ?? { [c.path ?? 'index.js']: c.code ?? '' };
  return runFiles([rule], files, c.manifest ?? { name: 'case', version: '1.0.0' }, c.name);
}

function runFiles(rules: readonly Rule[], files: Record<string, string>, manifest: Manifest, path: string): PackageAnalysis {
  const all = { 'package.json': JSON.stringify(manifest), ...files };
  const pkg: PackageInfo = {
    name: typeof manifest['name'] === 'string' ? manifest['name'] : 'case',
    version: typeof manifest['version'] === 'string' ? manifest['version'] : null,
    manifest,
    files: Object.keys(all).sort(),
    executables: [],
  };
  return analyzePackage(pkg, { rules, path, readFile: (f) => all[f as keyof typeof all] });
}

function findingsOf(rule: Rule, analysis: PackageAnalysis): Finding[] {
  return analysis.findings.filter((f) => f.rule === rule.meta.id);
}

function describeFinding(f: Finding): string {
  return `${f.rule} ${f.file}:${f.line ?? '-'} ${f.message}`;
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return listFiles(root, path);
    return d.isFile() ? [relative(root, path).split(sep).join('/')] : [];
  });
}
