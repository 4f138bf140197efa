// bun.lock (text lockfile, lockfileVersion 1, bun 1.2+): JSONC with trailing commas; `packages`
// keyed by install path ("name", or "parent/name" for a nested second version), each value a tuple
// [name@version, registry ("" = default), {dependencies...}, integrity].
import { rootManifest } from './graph.mjs';

export const format = 'bun';
export const file = 'bun.lock';

export function write(graph) {
  const manifest = rootManifest(graph);
  const lines = ['{', '  "lockfileVersion": 1,', '  "workspaces": {', '    "": {', `      "name": ${JSON.stringify(manifest.name)},`];
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    if (!manifest[field]) continue;
    lines.push(`      "${field}": {`);
    for (const [name, range] of Object.entries(manifest[field]).sort()) lines.push(`        ${JSON.stringify(name)}: ${JSON.stringify(range)},`);
    lines.push('      },');
  }
  lines.push('    },', '  },', '  "packages": {');
  const entries = [];
  for (const node of graph.nodes) {
    if (!node.secondary) entries.push([node.name, node]);
    else for (const parent of node.parents) entries.push([`${parent.name}/${node.name}`, node]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // bun separates package entries with a blank line.
  lines.push(entries.map(([path, node]) => `    ${JSON.stringify(path)}: ${tuple(node)},`).join('\n\n'));
  lines.push('  }', '}');
  return lines.join('\n') + '\n';
}

function tuple(node) {
  const meta = {};
  const deps = node.deps.filter((d) => !d.optional);
  const optional = node.deps.filter((d) => d.optional);
  if (deps.length) meta.dependencies = Object.fromEntries(deps.map((d) => [d.to.name, d.range]));
  if (optional.length) meta.optionalDependencies = Object.fromEntries(optional.map((d) => [d.to.name, d.range]));
  return `[${JSON.stringify(`${node.name}@${node.version}`)}, "", ${inline(meta)}, ${JSON.stringify(node.integrity)}]`;
}

// bun's inline style: `{ "dependencies": { "a": "^1.0.0" } }` on one line.
function inline(value) {
  if (typeof value !== 'object') return JSON.stringify(value);
  const parts = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}
