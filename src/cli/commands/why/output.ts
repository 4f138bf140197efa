import { displayPath, type WhyMatch } from '../../../app/index.js';
import type { InventoryResult } from '../../../app/index.js';
import { isDirect, type DependencyPath, type Vertex } from '../../../app/index.js';
import type { Style } from '../../io.js';
import { VERSION } from '../../version.js';
import { plural } from '../../format.js';

const WHY_SCHEMA_VERSION = 1;

interface WhyResult {
  inventory: InventoryResult;
  matches: WhyMatch[];
}

export function renderWhyJson(query: string, name: string, range: string | undefined, result: WhyResult, cwd: string): string {
  const doc = {
    schemaVersion: WHY_SCHEMA_VERSION,
    tool: { name: 'chainwatch', version: VERSION },
    query: { raw: query, name, range: range ?? null },
    matches: result.matches.map((m) => ({
      project: displayPath(m.project.target.path, cwd),
      format: m.project.readerId,
      name: m.node.name,
      version: m.node.version,
      aliases: m.node.aliases,
      key: m.node.key,
      location: m.node.location ? { file: displayPath(m.node.location.file, cwd), line: m.node.location.line ?? null } : null,
      direct: isDirect(m.project.graph, m.node),
      dev: m.node.dev,
      optional: m.node.optional,
      peer: m.node.peer,
      paths: m.paths.map((p) =>
        p.map((e) => ({ dependent: vertexLabel(e.from), name: e.name, spec: e.spec, type: e.type, resolved: e.to ? vertexLabel(e.to) : null })),
      ),
      pathsTruncated: m.truncated,
    })),
    summary: {
      projects: result.inventory.projects.length,
      matches: result.matches.length,
      errors: result.inventory.projects.filter((p) => !p.ok).length,
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function renderWhyText(query: string, result: WhyResult, cwd: string, style: Style): string {
  if (result.matches.length === 0) {
    return `${query} is not in ${plural(result.inventory.projects.filter((p) => p.ok).length, 'project')} searched\n`;
  }
  const lines: string[] = [];
  for (const m of result.matches) {
    const where = m.node.location ? `${displayPath(m.node.location.file, cwd)}${m.node.location.line ? `:${m.node.location.line}` : ''}` : displayPath(m.project.target.path, cwd);
    const flags = [
      isDirect(m.project.graph, m.node) ? 'direct' : 'transitive',
      m.node.dev ? 'dev' : 'prod',
      ...(m.node.optional ? ['optional'] : []),
      ...(m.node.peer ? ['peer'] : []),
      ...(m.node.aliases.length ? [`installed as ${m.node.aliases.join(', ')}`] : []),
    ];
    lines.push(`${style.bold(`${m.node.name}@${m.node.version}`)}  ${style.dim(where)}  ${flags.join(', ')}`);
    if (m.paths.length === 0) lines.push(`  ${style.yellow('no path from any importer: an extraneous entry')}`);
    for (const p of m.paths) lines.push(`  ${pathText(p, style)}`);
    if (m.truncated) lines.push(style.dim('  … more paths (raise --max-paths)'));
  }
  return lines.join('\n') + '\n';
}

/** `app › express@^4.21.0 › debug@2.6.9`: each hop is the name the dependent uses and its declared range. */
function pathText(path: DependencyPath, style: Style): string {
  const first = path[0];
  const head = first ? style.cyan(vertexLabel(first.from)) : '';
  return [head, ...path.map((e) => `${e.name}@${e.spec}`)].join(style.dim(' › '));
}

function vertexLabel(v: Vertex): string {
  if (v.kind === 'package') return `${v.name}@${v.version}`;
  return v.name ?? (v.path === '' ? '(root)' : v.path);
}
