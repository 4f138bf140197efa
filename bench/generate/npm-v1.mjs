// npm package-lock.json lockfileVersion 1 (npm 5/6): a nested `dependencies` tree mirroring
// node_modules, each entry with `requires` (name -> range) and its own nested `dependencies`
// holding the secondaries that could not be hoisted.
import { FAKE_REGISTRY, rootManifest, tarballUrl } from './graph.mjs';

export const format = 'npm-v1';
export const file = 'package-lock.json';

export function write(graph) {
  const manifest = rootManifest(graph);
  const top = graph.nodes.filter((n) => !n.secondary).sort(byName);
  const nested = new Map(); // primary -> secondaries nested under it
  for (const node of graph.nodes) {
    if (node.secondary) for (const parent of node.parents) (nested.get(parent) ?? nested.set(parent, []).get(parent)).push(node);
  }
  const dependencies = {};
  for (const node of top) dependencies[node.name] = entry(node, nested.get(node));
  const lock = { name: manifest.name, version: manifest.version, lockfileVersion: 1, requires: true, dependencies };
  return JSON.stringify(lock, null, 2) + '\n';
}

function entry(node, children) {
  const out = { version: node.version, resolved: tarballUrl(FAKE_REGISTRY, node), integrity: node.integrity };
  if (node.dev) out.dev = true;
  if (node.optional) out.optional = true;
  if (node.deps.length) out.requires = Object.fromEntries(node.deps.map((d) => [d.to.name, d.range]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  if (children?.length) out.dependencies = Object.fromEntries(children.sort(byName).map((c) => [c.name, entry(c)]));
  return out;
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
