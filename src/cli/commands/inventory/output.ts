import { displayPath, type InventoryResult, type ProjectResult } from '../../../app/index.js';
import type { Diagnostic, SourceLocation } from '../../../core/index.js';
import { summarizePackages } from '../../../app/index.js';
import type { Style } from '../../io.js';
import { VERSION } from '../../version.js';
import { formatLabel, plural } from '../../format.js';

/** Version of the JSON document below; bumped only on a breaking change (docs/json/inventory.md). */
const INVENTORY_SCHEMA_VERSION = 1;

export function renderInventoryJson(result: InventoryResult, cwd: string): string {
  const show = memoize((path: string) => displayPath(path, cwd));
  const projects = result.projects.map((p) => projectJson(p, show));
  const doc = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'chainwatch', version: VERSION },
    projects,
    summary: {
      projects: projects.length,
      packages: new Set(projects.flatMap((p) => p.packages.map((x) => `${x.name}@${x.version}`))).size,
      errors: projects.filter((p) => p.error).length,
      elapsedMs: Math.round(result.elapsedMs),
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function projectJson(p: ProjectResult, show: (path: string) => string) {
  const base = { path: show(p.target.path), root: show(p.target.root) };
  if (!p.ok) {
    return {
      ...base,
      format: null,
      manager: null,
      formatVersion: null,
      importers: [],
      packages: [],
      diagnostics: [],
      error: { code: p.error.code, message: p.error.message, hint: p.error.hint ?? null },
    };
  }
  return {
    ...base,
    format: p.readerId,
    manager: p.graph.manager,
    formatVersion: p.graph.formatVersion,
    importers: p.graph.importers.map((i) => ({ path: i.path, name: i.name ?? null, version: i.version ?? null })),
    packages: summarizePackages(p.graph).map((s) => ({
      name: s.name,
      version: s.version,
      aliases: s.aliases,
      source: s.source,
      resolved: s.resolved ?? null,
      integrity: s.integrity ?? null,
      direct: s.direct,
      dev: s.dev,
      optional: s.optional,
      peer: s.peer,
      bundled: s.bundled,
      hasInstallScript: s.hasInstallScript,
      instances: s.instances,
      locations: s.locations.map((l) => locationJson(l, show)),
    })),
    diagnostics: p.diagnostics.map((d) => diagnosticJson(d, show)),
    error: null,
  };
}

function locationJson(l: SourceLocation, show: (path: string) => string) {
  return { file: show(l.file), line: l.line ?? null };
}

function diagnosticJson(d: Diagnostic, show: (path: string) => string) {
  return { code: d.code, severity: d.severity, message: d.message, location: d.location ? locationJson(d.location, show) : null };
}

/** Every package of a lockfile has the same file: compute its display form once. */
function memoize(fn: (path: string) => string): (path: string) => string {
  const cache = new Map<string, string>();
  return (path) => {
    let shown = cache.get(path);
    if (shown === undefined) cache.set(path, (shown = fn(path)));
    return shown;
  };
}

export function renderInventoryText(result: InventoryResult, cwd: string, style: Style): string {
  const lines: string[] = [];
  const distinct = new Set<string>();
  for (const p of result.projects) {
    const path = displayPath(p.target.path, cwd);
    if (!p.ok) {
      lines.push(`${style.bold(path)}  ${style.red('error')}: ${p.error.message}`);
      continue;
    }
    const pkgs = summarizePackages(p.graph);
    for (const s of pkgs) distinct.add(`${s.name}@${s.version}`);
    const dev = pkgs.filter((s) => s.dev).length;
    const optional = pkgs.filter((s) => s.optional).length;
    const scripts = pkgs.filter((s) => s.hasInstallScript).length;
    const details = [dev && `${dev} dev`, optional && `${optional} optional`].filter(Boolean).join(', ');
    lines.push(`${style.bold(path)}  ${style.dim(formatLabel(p.readerId, p.graph))}`);
    lines.push(
      `  ${plural(p.graph.importers.length, 'importer')} · ${plural(pkgs.length, 'package')}${details ? ` (${details})` : ''}` +
        (scripts ? ` · ${plural(scripts, 'install script')}` : ''),
    );
    for (const d of p.diagnostics) {
      const where = d.location ? `${displayPath(d.location.file, cwd)}${d.location.line ? `:${d.location.line}` : ''}: ` : '';
      lines.push(`  ${d.severity === 'error' ? style.red('error') : style.yellow('warning')}: ${where}${d.message}`);
    }
  }
  const errors = result.projects.filter((p) => !p.ok).length;
  lines.push(
    style.dim(
      `${plural(result.projects.length, 'project')} · ${plural(distinct.size, 'distinct package')}` +
        ` · ${plural(errors, 'error')} · ${Math.round(result.elapsedMs)} ms`,
    ),
  );
  return lines.join('\n') + '\n';
}
