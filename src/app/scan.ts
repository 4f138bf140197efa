import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadonlyFs, Severity } from '../core/index.js';
import { dedupeAdvisories, type Advisory, type AdvisoryIndex } from '../advisories/index.js';
import type { PackageGraph } from '../graph/index.js';
import type { AdvisoryDataStatus, CodeScan, ProjectScan, ScanReport } from '../report/index.js';
import { discoverTargets, displayPath, type Target } from './discover.js';
import { readProject } from './inventory.js';
import { nodeFs } from './node-fs.js';
import { findInCaches, type CacheEnvironment } from './scan-caches.js';
import { inspect } from './inspect.js';
import { findingsFor, SEVERITY_ORDER } from './scan-findings.js';

export interface ScanOptions {
  paths: readonly string[];
  cwd: string;
  installed?: boolean;
  ignore?: readonly string[];
  fs?: ReadonlyFs;
  /** Where advisories come from, curated first; see advisorySources(). */
  indexes: readonly AdvisoryIndex[];
  advisoryData: AdvisoryDataStatus;
  /** Every dependency path of each hit instead of the shortest. */
  allPaths?: boolean;
  /** Also look for affected versions in this machine's package-manager caches (`--caches`). */
  caches?: CacheEnvironment;
  /** Also run the detection engine over each project's installed node_modules (`--deep`); the result cache file or null. */
  deep?: { cachePath: string | null };
  tool: { name: string; version: string };
  onProgress?: (done: number, total: number, target: Target) => void;
}

/**
 * "Was I hit?": every project under the paths, read one at a time (a whole disk never holds
 * more than one graph), matched against the advisories by package name. Lookups are memoized
 * across projects, so the work grows with distinct names, not projects × advisories.
 */
export async function scan(opts: ScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const fs = opts.fs ?? nodeFs;
  const targets = await discoverTargets(opts.paths, { fs, cwd: opts.cwd, installed: opts.installed ?? false, ignore: opts.ignore ?? [] });
  const lookup = memoizedLookup(opts.indexes);
  const showPath = (p: string) => displayPath(p, opts.cwd);
  const distinct = new Set<string>();
  const projects: ProjectScan[] = [];
  for (const [i, target] of targets.entries()) {
    opts.onProgress?.(i, targets.length, target);
    const read = await readProject(target, fs);
    const base = { path: showPath(target.root), lockfile: showPath(target.path) };
    if (!read.ok) {
      const { code, message, hint } = read.error;
      projects.push({ ...base, format: null, manager: null, packages: 0, findings: [], diagnostics: [], error: { code, message, hint: hint ?? null }, code: null });
      continue;
    }
    const { graph } = read;
    const ids = packageIds(graph);
    for (const id of ids) distinct.add(id);
    projects.push({
      ...base,
      format: read.readerId,
      manager: graph.manager,
      packages: ids.size,
      findings: findingsFor(graph, lookup(namesOf(graph)), { allPaths: opts.allPaths ?? false, showPath }),
      diagnostics: read.diagnostics.map((d) => (d.location ? { ...d, location: { ...d.location, file: showPath(d.location.file) } } : d)),
      error: null,
      code: opts.deep ? await inspectInstalled(target.root, opts.cwd, opts.deep.cachePath) : null,
    });
  }
  const caches = opts.caches ? await findInCaches(opts.caches, targets.map((t) => t.root), lookup, fs) : [];
  return {
    tool: opts.tool,
    advisoryData: opts.advisoryData,
    projects,
    caches,
    summary: summarize(projects, distinct.size, performance.now() - started),
  };
}

/** True when the report has a finding at or above the threshold; 'malicious' (the default) fails on any malware. */
export function failsThreshold(report: ScanReport, failOn: Severity | 'malicious' | 'none'): boolean {
  if (failOn === 'none') return false;
  // Cache findings are malware only (see findInCaches), and a package the engine judges malicious
  // is malware too: any of them fails at every threshold.
  if (report.caches.length > 0 || report.projects.some((p) => p.code?.packages.some((c) => c.verdict === 'malicious'))) return true;
  if (failOn === 'malicious') return report.projects.some((p) => p.findings.some((f) => f.kind === 'malicious'));
  const all = [...report.projects.flatMap((p) => p.findings), ...report.caches];
  const limit = SEVERITY_ORDER.indexOf(failOn);
  return all.some((f) => SEVERITY_ORDER.indexOf(f.severity) <= limit);
}

const NONE: Advisory[] = [];

function memoizedLookup(indexes: readonly AdvisoryIndex[]): (names: Set<string>) => Map<string, Advisory[]> {
  const known = new Map<string, Advisory[]>();
  return (names) => {
    const missing = [...names].filter((n) => !known.has(n));
    if (missing.length) {
      const found = indexes.map((index) => index.lookup(missing));
      for (const name of missing) {
        let list: Advisory[] | undefined;
        for (const f of found) {
          const more = f.get(name);
          if (more?.length) (list ??= []).push(...more);
        }
        known.set(name, list ? dedupeAdvisories(list) : NONE);
      }
    }
    const out = new Map<string, Advisory[]>();
    for (const name of names) {
      const list = known.get(name)!;
      if (list.length) out.set(name, list);
    }
    return out;
  };
}

function namesOf(graph: PackageGraph): Set<string> {
  const names = new Set<string>();
  for (const n of graph.nodes()) names.add(n.name);
  return names;
}

function packageIds(graph: PackageGraph): Set<string> {
  const ids = new Set<string>();
  for (const n of graph.nodes()) ids.add(`${n.name}@${n.version}`);
  return ids;
}

function summarize(projects: ProjectScan[], packages: number, elapsedMs: number): ScanReport['summary'] {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const hits = new Map<string, { severity: Severity; kind: 'malicious' | 'vulnerable' }>();
  for (const p of projects) for (const f of p.findings) hits.set(`${f.name}@${f.version}`, f);
  for (const h of hits.values()) bySeverity[h.severity]++;
  const malicious = [...hits.values()].filter((h) => h.kind === 'malicious').length;
  return {
    projects: projects.length,
    packages,
    bySeverity,
    malicious,
    vulnerable: hits.size - malicious,
    errors: projects.filter((p) => p.error).length,
    elapsedMs: Math.round(elapsedMs),
  };
}

/** `--deep`: the detection engine over the project's installed node_modules, non-clean packages kept. */
async function inspectInstalled(root: string, cwd: string, cachePath: string | null): Promise<CodeScan | null> {
  const nodeModules = join(root, 'node_modules');
  if (!existsSync(nodeModules)) return null;
  const { packages } = await inspect({ targets: [nodeModules], cwd, cachePath });
  return {
    inspected: packages.length,
    packages: packages.flatMap((p) =>
      p.verdict === 'clean'
        ? []
        : [{
            name: p.name,
            version: p.version,
            path: p.path,
            verdict: p.verdict,
            reasons: p.reasons,
            findings: p.findings.filter((f) => f.severity !== 'info').map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, message: f.message })),
          }],
    ),
  };
}
