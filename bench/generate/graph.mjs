// The synthetic dependency graph every lockfile format is written from, so that all formats of one
// size describe the same packages (and differences in timing come from the format, not the data).
//
// Shape, chosen to look like real projects:
// - `size` distinct name@version packages (the root is not counted), 20–50 of them direct;
// - every package is reachable from the root (a random spanning tree first, then extra edges);
// - each package has 0–6 dependencies, pointing to later packages only (a DAG: no cycles, so every
//   peer accepts it), half of the extra edges going to a few "hub" packages (think `debug`, `ms`);
// - ~10% of packages are a second version of another package's name ("secondary"). npm cannot hoist
//   them, so they are nested under each dependent. To keep that layout resolvable without a real
//   resolver, a secondary is only depended on by primaries, and itself only depends on names that
//   exist in one version;
// - every range is satisfied by its target (^M.0.0, ^M.m.0, ^M.m.p, ~M.m.p, M.m.p) and never by the
//   other version of that name (different majors, all >= 1);
// - ~4% scoped names; a quarter of the root's dependencies are dev, a few optional, plus a few
//   optional edges deeper down, so that dev/optional/devOptional flags appear.
import { createRandom } from './random.mjs';

const WORDS = (
  'ansi regex color string width strip wrap debug ms glob minimatch brace expand path parse ' +
  'util core js json yaml loader plugin preset env runtime helper types stream buffer fs extra ' +
  'graceful mkdirp rimraf semver chalk supports camel case kebab snake lodash merge deep clone ' +
  'is number array object function promise async queue event emitter http proxy agent socket ' +
  'url query string encode decode base64 crypto hash uuid random bytes source map support babel ' +
  'eslint config scope visitor traverse generator template compat data browserslist caniuse lite ' +
  'postcss selector value parser tokenizer lexer ast walker node release electron to chromium ' +
  'webpack dev server middleware mime types db negotiator accepts content type body raw etag ' +
  'fresh range cookie signature vary escape html entities dom serializer handler domutils css ' +
  'what select nth check boolbase cli cursor spinners figures log symbols ora restore signal exit ' +
  'cross spawn which isexe shebang command regex picomatch micromatch fill to chokidar anymatch ' +
  'readdirp binary extensions fsevents tslib react scheduler loose envify prop types object assign'
).split(' ');
const SCOPES = ['@babel', '@types', '@jest', '@smithy', '@aws-sdk', '@octokit', '@vue', '@acme', '@img', '@esbuild'];
// Out-degree distribution 0..6 (mean ~2.6, like npm's registry-wide median of a few deps).
const LICENSES = ['MIT', 'MIT', 'MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause'];
const DEGREE_WEIGHTS = [15, 15, 20, 20, 14, 9, 7];
const SECONDARY_SHARE = 0.1;
const HUB_SHARE = 0.02;

export function buildGraph({ size, seed = 1 }) {
  const rnd = createRandom(seed ^ size);
  const directCount = Math.min(size, rnd.int(20, 50));
  const nodes = createNodes(rnd, size, directCount);
  const graph = { nodes, root: { name: 'root', version: '1.0.0', deps: [] } };
  linkSpanningTree(rnd, nodes, directCount);
  addExtraEdges(rnd, nodes);
  linkRoot(rnd, graph, directCount);
  computeFlags(graph);
  collectParents(nodes);
  return graph;
}

function createNodes(rnd, size, directCount) {
  const names = new Map(); // name -> last numeric suffix used for it as a base
  const nodes = [];
  for (let id = 0; id < size; id++) {
    const secondary = id >= directCount && rnd.chance(SECONDARY_SHARE);
    const node = {
      id, secondary, name: secondary ? '' : uniqueName(rnd, names), version: '', major: 0,
      maxDeps: secondary ? 0 : drawDegree(rnd), deps: [], depNames: new Set(), parents: [],
      otherVersion: null, hub: false, dependents: 0,
      integrity: 'sha512-' + rnd.bytes(64).toString('base64'),
      sha1: rnd.bytes(20).toString('hex'),
    };
    // Metadata npm copies into v2/v3 entries, so that bytes per package resemble real lockfiles.
    node.license = rnd.pick(LICENSES);
    node.engines = rnd.chance(0.4) ? `>=${rnd.pick([4, 6, 8, 10, 12, 14, 16, 18])}` : null;
    node.checksum = Buffer.from(node.integrity.slice(7), 'base64').toString('hex');
    if (!secondary) setVersion(node, rnd.int(1, 6) + (rnd.chance(0.2) ? rnd.int(0, 20) : 0), rnd);
    nodes.push(node);
  }
  for (const node of nodes) if (node.secondary) pairWithPrimary(rnd, nodes, node);
  for (const node of nodes) if (node.secondary) node.maxDeps = drawDegree(rnd);
  const firstHub = Math.floor(size / 3);
  for (const node of nodes) node.hub = node.id >= firstHub && !node.secondary && rnd.chance(HUB_SHARE);
  return nodes;
}

function drawDegree(rnd) {
  let r = rnd.next() * 100;
  for (let d = 0; d < DEGREE_WEIGHTS.length; d++) if ((r -= DEGREE_WEIGHTS[d]) < 0) return d;
  return DEGREE_WEIGHTS.length - 1;
}

function uniqueName(rnd, names) {
  const parts = [rnd.pick(WORDS)];
  const extra = rnd.int(0, 2);
  for (let i = 0; i < extra; i++) parts.push(rnd.pick(WORDS));
  let base = parts.join('-');
  if (rnd.chance(0.04)) base = `${rnd.pick(SCOPES)}/${base}`;
  let name = base;
  // Numbered suffixes per base (a counter, not a scan from 2, so 50k names stay linear).
  while (names.has(name)) {
    const n = (names.get(base) ?? 1) + 1;
    names.set(base, n);
    name = `${base}${n}`;
  }
  names.set(name, names.get(name) ?? 1);
  return name;
}

function setVersion(node, major, rnd) {
  node.major = major;
  node.minor = rnd.int(0, 20);
  node.patch = rnd.int(0, 30);
  node.version = `${major}.${node.minor}.${node.patch}`;
}

/** A secondary takes the name of a random primary that has no second version yet, with another major. */
function pairWithPrimary(rnd, nodes, node) {
  for (;;) {
    const primary = nodes[rnd.int(0, nodes.length - 1)];
    if (primary.secondary || primary.otherVersion) continue;
    primary.otherVersion = node;
    node.otherVersion = primary;
    node.name = primary.name;
    const major = primary.major > 1 && rnd.chance(0.5) ? primary.major - 1 : primary.major + rnd.int(1, 3);
    setVersion(node, major, rnd);
    return;
  }
}

/** A name that exists in exactly one version: the only safe target for a nested (secondary) package. */
const isUnique = (node) => !node.secondary && !node.otherVersion;

function canDepend(from, to) {
  if (from.depNames.has(to.name)) return false;
  if (from.secondary && !isUnique(to)) return false;
  if (to.secondary && from.secondary) return false;
  // Each dependent of a secondary gets its own nested copy; two at most keeps copies near 10%.
  if (to.secondary && to.dependents >= 2) return false;
  return true;
}

function addEdge(rnd, from, to, optional) {
  from.deps.push({ to, range: drawRange(rnd, to), optional });
  from.depNames.add(to.name);
  to.dependents++;
}

function drawRange(rnd, to) {
  const r = rnd.next();
  if (r < 0.55) return `^${to.major}.${to.minor}.${to.patch}`;
  if (r < 0.7) return `^${to.major}.${to.minor}.0`;
  if (r < 0.8) return `^${to.major}.0.0`;
  if (r < 0.9) return `~${to.major}.${to.minor}.${to.patch}`;
  return to.version;
}

/** Every non-direct package gets one parent among the earlier packages that still have room. */
function linkSpanningTree(rnd, nodes, directCount) {
  const open = [];
  const openPos = new Int32Array(nodes.length).fill(-1);
  const addOpen = (node) => { if (node.deps.length < node.maxDeps) { openPos[node.id] = open.length; open.push(node); } };
  const closeIfFull = (node) => {
    if (node.deps.length < node.maxDeps || openPos[node.id] < 0) return;
    const last = open.pop();
    if (last !== node) { open[openPos[node.id]] = last; openPos[last.id] = openPos[node.id]; }
    openPos[node.id] = -1;
  };
  for (let id = 0; id < directCount; id++) { nodes[id].maxDeps = Math.max(2, nodes[id].maxDeps); addOpen(nodes[id]); }
  for (let id = directCount; id < nodes.length; id++) {
    const child = nodes[id];
    const parent = findParent(rnd, open, nodes, child);
    addEdge(rnd, parent, child, false);
    closeIfFull(parent);
    addOpen(child);
  }
}

function findParent(rnd, open, nodes, child) {
  for (let attempt = 0; attempt < 30 && open.length; attempt++) {
    const candidate = rnd.pick(open);
    if (canDepend(candidate, child)) return candidate;
  }
  // Rare: no open package can take this child. Let an earlier primary exceed its drawn degree (cap 6).
  for (let id = child.id - 1; id >= 0; id--) {
    const candidate = nodes[id];
    if (!candidate.secondary && candidate.deps.length < 6 && canDepend(candidate, child)) return candidate;
  }
  return nodes[0];
}

function addExtraEdges(rnd, nodes) {
  const hubs = nodes.filter((n) => n.hub);
  for (const from of nodes) {
    for (let attempt = 0; from.deps.length < from.maxDeps && attempt < 12; attempt++) {
      const to = pickTarget(rnd, nodes, hubs, from.id);
      if (to && canDepend(from, to)) addEdge(rnd, from, to, rnd.chance(0.02));
    }
  }
}

function pickTarget(rnd, nodes, hubs, afterId) {
  if (hubs.length && rnd.chance(0.5)) {
    const hub = rnd.pick(hubs);
    if (hub.id > afterId) return hub;
  }
  if (afterId + 1 >= nodes.length) return undefined;
  return nodes[rnd.int(afterId + 1, nodes.length - 1)];
}

function linkRoot(rnd, graph, directCount) {
  for (let id = 0; id < directCount; id++) {
    const r = rnd.next();
    const type = r < 0.7 ? 'prod' : r < 0.95 ? 'dev' : 'optional';
    graph.root.deps.push({ to: graph.nodes[id], range: drawRange(rnd, graph.nodes[id]), type });
  }
}

/**
 * npm's flags: `dev` = not reachable from production deps at all; `optional` = every path from the
 * root crosses an optional edge; `devOptional` = needed only by dev or optional paths, neither alone.
 */
function computeFlags(graph) {
  const reach = (types, followOptional) => {
    const seen = new Uint8Array(graph.nodes.length);
    const stack = [];
    for (const dep of graph.root.deps) if (types.includes(dep.type) && !seen[dep.to.id]) { seen[dep.to.id] = 1; stack.push(dep.to); }
    while (stack.length) {
      for (const dep of stack.pop().deps) {
        if ((followOptional || !dep.optional) && !seen[dep.to.id]) { seen[dep.to.id] = 1; stack.push(dep.to); }
      }
    }
    return seen;
  };
  const prodRequired = reach(['prod'], false);
  const prodAny = reach(['prod', 'optional'], true);
  const devRequired = reach(['dev'], false);
  for (const node of graph.nodes) {
    node.dev = !prodAny[node.id];
    node.optional = !prodRequired[node.id] && !devRequired[node.id];
    node.devOptional = !node.dev && !node.optional && !prodRequired[node.id];
  }
}

function collectParents(nodes) {
  for (const node of nodes) for (const dep of node.deps) dep.to.parents.push(node);
}

/** Tarball file name: npm drops the scope (`@scope/name` -> `name-1.0.0.tgz`). */
export function tarballUrl(registry, node) {
  const base = node.name.startsWith('@') ? node.name.slice(node.name.indexOf('/') + 1) : node.name;
  return `${registry}${node.name}/-/${base}-${node.version}.tgz`;
}

/** The placeholder host the brief asks for; the real registry host is never written anywhere. */
export const FAKE_REGISTRY = 'https://registry.example.test/';

/** Root package.json (some peers read it next to the lockfile). */
export function rootManifest(graph) {
  const manifest = { name: graph.root.name, version: graph.root.version, private: true };
  const fields = { prod: 'dependencies', dev: 'devDependencies', optional: 'optionalDependencies' };
  for (const dep of graph.root.deps) (manifest[fields[dep.type]] ??= {})[dep.to.name] = dep.range;
  return manifest;
}
