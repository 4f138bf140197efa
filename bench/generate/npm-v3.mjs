// npm package-lock.json lockfileVersion 3 (npm 7+ without the v1 section): one flat `packages` map
// keyed by install path. Secondaries are nested under each dependent (node_modules/a/node_modules/b),
// as npm does when it cannot hoist a second version.
import { FAKE_REGISTRY, rootManifest, tarballUrl } from './graph.mjs';

export const format = 'npm-v3';
export const file = 'package-lock.json';

export function write(graph) {
  const manifest = rootManifest(graph);
  const root = { name: manifest.name, version: manifest.version };
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) if (manifest[field]) root[field] = manifest[field];
  const entries = [['', root]];
  for (const node of graph.nodes) {
    if (!node.secondary) entries.push([`node_modules/${node.name}`, entry(node)]);
    else for (const parent of node.parents) entries.push([`node_modules/${parent.name}/node_modules/${node.name}`, entry(node)]);
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const lock = { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: Object.fromEntries(entries) };
  return JSON.stringify(lock, null, 2) + '\n';
}

export function entry(node) {
  const out = { version: node.version, resolved: tarballUrl(FAKE_REGISTRY, node), integrity: node.integrity };
  if (node.dev) out.dev = true;
  if (node.optional) out.optional = true;
  if (node.devOptional) out.devOptional = true;
  out.license = node.license;
  const deps = node.deps.filter((d) => !d.optional);
  const optional = node.deps.filter((d) => d.optional);
  if (deps.length) out.dependencies = ranges(deps);
  if (optional.length) out.optionalDependencies = ranges(optional);
  if (node.engines) out.engines = { node: node.engines };
  return out;
}

export const ranges = (deps) => Object.fromEntries(deps.map((d) => [d.to.name, d.range]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
