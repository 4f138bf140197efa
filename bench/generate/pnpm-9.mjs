// pnpm-lock.yaml lockfileVersion '9.0' (pnpm 9/10): importers with {specifier, version}, `packages`
// holding resolution metadata, `snapshots` holding each package's resolved dependencies.
export const format = 'pnpm-9';
export const file = 'pnpm-lock.yaml';

export function write(graph) {
  const out = ["lockfileVersion: '9.0'", '', 'settings:', '  autoInstallPeers: true', '  excludeLinksFromLockfile: false', '', 'importers:', '', '  .:'];
  const fields = { prod: 'dependencies', dev: 'devDependencies', optional: 'optionalDependencies' };
  for (const [type, field] of Object.entries(fields)) {
    const deps = graph.root.deps.filter((d) => d.type === type).sort(byTarget);
    if (!deps.length) continue;
    out.push(`    ${field}:`);
    for (const d of deps) out.push(`      ${key(d.to.name)}:`, `        specifier: ${d.range}`, `        version: ${d.to.version}`);
  }
  const nodes = [...graph.nodes].sort((a, b) => (id(a) < id(b) ? -1 : 1));
  out.push('', 'packages:', '');
  for (const node of nodes) {
    out.push(`  ${key(id(node))}:`, `    resolution: {integrity: ${node.integrity}}`);
    if (node.engines) out.push(`    engines: {node: '${node.engines}'}`);
    out.push('');
  }
  out.push('snapshots:', '');
  for (const node of nodes) out.push(...snapshot(node), '');
  return out.join('\n');
}

function snapshot(node) {
  if (!node.deps.length) return [`  ${key(id(node))}: {}`];
  const lines = [`  ${key(id(node))}:`];
  for (const [field, deps] of [['dependencies', node.deps.filter((d) => !d.optional)], ['optionalDependencies', node.deps.filter((d) => d.optional)]]) {
    if (!deps.length) continue;
    lines.push(`    ${field}:`);
    for (const d of deps.sort(byTarget)) lines.push(`      ${key(d.to.name)}: ${d.to.version}`);
  }
  if (node.optional) lines.push('    optional: true');
  return lines;
}

const id = (node) => `${node.name}@${node.version}`;
const key = (s) => (s.startsWith('@') ? `'${s}'` : s);
const byTarget = (a, b) => (a.to.name < b.to.name ? -1 : 1);
