import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules, analyzePackage, rules, type PackageAnalysis, type PackageInfo, type Rule } from '../analysis/index.js';
import { ErrorCodes, installPath, ToolError } from '../core/index.js';
import type { WorkerAnswer, WorkerJob } from './analysis-workers.js';
import { readBytes, readFileBytes, readPackageDir } from './package-dirs.js';

/** Part of a package to analyze: only these files, with or without the manifest hooks (see mergeAnalyses). */
export interface PackagePart {
  files?: readonly string[];
  manifest?: boolean;
}

/**
 * Analyzes one package directory from disk (or a part of it): what both the main thread and the
 * analysis workers run. `display` is the path shown for it; `info`, the package as listed already.
 */
export function analyzeDir(dir: string, display: string, ruleIds?: readonly string[], part: PackagePart = {}, info: PackageInfo = readPackageDir(dir, { fingerprint: false }).info): PackageAnalysis {
  return analyzePackage(info, { rules: selectRules(ruleIds), path: display, readFile: (file) => readBytes(`${dir}/${file}`), ...part });
}

/**
 * One job of the analysis pool, as a worker thread (or the main thread taking its share) runs it:
 * a twin whose files are byte for byte its first copy's answers "same"; a failure is an answer too.
 */
export function answerJob({ id, dir, display, info: listed, twinOf, ...part }: WorkerJob, rules: readonly string[] | undefined): WorkerAnswer {
  try {
    const info = listed ?? readPackageDir(dir, { fingerprint: false }).info;
    if (twinOf !== undefined && digestDir(dir, info.files) === digestDir(twinOf, info.files)) return { id, same: true };
    return { id, result: analyzeDir(dir, display, rules, part, info) };
  } catch (e) {
    return { id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

/** Every rule, or the named ones (`inspect --rules`); an unknown name is a usage error. */
export function selectRules(ids?: readonly string[]): Rule[] {
  if (ids === undefined) return [...allRules];
  const unknown = ids.filter((id) => !(id in rules));
  if (unknown.length) {
    throw new ToolError(ErrorCodes.usage, `unknown rule ${unknown.join(', ')}`, { hint: `rules: ${Object.keys(rules).join(', ')}` });
  }
  return ids.map((id) => rules[id]!);
}

/**
 * A digest of a package's files (each path and its bytes): two directories with the same digest
 * get the same analysis, so a package installed twice is analyzed once.
 */
export function digestDir(dir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileBytes(`${dir}/${file}`);
    hash.update(file).update('\u0000').update(bytes === undefined ? '-' : `${bytes.length}:`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

let version: string | undefined;

/**
 * The engine's identity for the result cache: a hash of the analysis code itself (rules,
 * engine, verdict), so any change to how packages are judged invalidates old results without a
 * version number anyone has to remember to bump.
 */
export function engineVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  // The analysis modules beside this one's folder: src/analysis in tests, dist/analysis for the
  // compiled modules and for the CLI's bundle (dist/bundle/, built from them).
  const root = fileURLToPath(new URL('../analysis/', import.meta.url));
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'samples' && entry.name !== 'fixtures' && entry.name !== 'test-support') visit(path);
      } else if (/\.(?:js|ts|json)$/.test(entry.name) && !/\.test\.|\.d\.ts$/.test(entry.name)) {
        hash.update(entry.name).update(readFileSync(path));
      }
    }
  };
  visit(root);
  // The signatures are data outside the code folder.
  const ioc = installPath('data', 'ioc');
  try {
    for (const name of readdirSync(ioc).sort()) hash.update(name).update(readFileSync(join(ioc, name)));
  } catch {
    // no signature data shipped: nothing to hash
  }
  return (version = hash.digest('hex').slice(0, 16));
}
