// The gate benchmark's upstream registry: `node bench/gate/upstream.mjs`, run as its own process so
// it shares an event loop with neither wrk nor the proxy. Listens on 127.0.0.1 (ephemeral port) and
// prints one JSON line to stdout once ready: { port, name, latest, tarballPath, sizes }.
// It serves one generated package as a real registry would:
// - GET /<name>: the full packument (150 versions of ~1.5 KB each, a readme, `time` entries all older
//   than 30 days so the default policy allows every version), or the abbreviated form when the Accept
//   header asks for `application/vnd.npm.install-v1+json`; `cache-control: public, max-age=300`;
// - GET /<name>/-/<name>-<version>.tgz: a ~20 KB gzipped tarball whose sha512/sha1 match the
//   packument's dist; `cache-control: public, max-age=31557600`;
// - ETag / If-None-Match revalidation (304); anything else is a JSON 404.
// It exits on SIGTERM/SIGINT and when its stdin closes, so it never outlives the benchmark.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

const PACKAGE_NAME = 'gate-bench-pkg';
const VERSIONS = 150;
const DAY = 24 * 60 * 60 * 1000;
const ABBREVIATED = 'application/vnd.npm.install-v1+json';

/** Deterministic pseudo-random numbers (mulberry32), so every run serves the same bytes. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A ustar archive of `files` (path -> Buffer), gzipped as npm packs it. */
function tgz(files) {
  const blocks = [];
  for (const [path, data] of Object.entries(files)) {
    const header = Buffer.alloc(512);
    const field = (offset, length, value) => header.write(value, offset, length, 'latin1');
    const octal = (offset, length, value) => field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
    field(0, 100, path);
    octal(100, 8, 0o644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, data.length);
    octal(136, 12, 499162500); // npm pack's fixed mtime (1985-10-26)
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    let sum = 0;
    for (const byte of header) sum += byte;
    field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

/** The versions 1.0.0 … (150 of them), oldest first, one a day, the newest 31 days old. */
function versionList(now) {
  const list = [];
  for (let i = 0; i < VERSIONS; i++) {
    const version = `${1 + Math.floor(i / 50)}.${Math.floor((i % 50) / 10)}.${i % 10}`;
    list.push({ version, index: i, time: new Date(now - (31 + VERSIONS - 1 - i) * DAY).toISOString() });
  }
  return list;
}

/** package.json of one version, as published; base64 noise makes the tarball ~20 KB gzipped. */
function packFiles(version, index) {
  const next = random(1000 + index);
  const noise = Buffer.alloc(20_000);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(next() * 256);
  const manifest = { name: PACKAGE_NAME, version, description: 'Synthetic package for the chainwatch gate benchmark', main: 'index.js', license: 'MIT' };
  return {
    manifest,
    files: {
      'package/package.json': Buffer.from(JSON.stringify(manifest, null, 2) + '\n'),
      'package/index.js': Buffer.from(`'use strict';\nconst data = '${noise.toString('base64')}';\nmodule.exports = { version: '${version}', size: data.length };\n`),
      'package/README.md': Buffer.from(`# ${PACKAGE_NAME}\n\nVersion ${version}.\n`),
    },
  };
}

/** Dependencies on synthetic names: realistic in count and shape; the benchmark never fetches them. */
function dependencies(index) {
  const next = random(5000 + index);
  const out = {};
  const count = 4 + Math.floor(next() * 5);
  for (let i = 0; i < count; i++) out[`gate-bench-dep-${Math.floor(next() * 40)}`] = `^${1 + Math.floor(next() * 4)}.${Math.floor(next() * 20)}.${Math.floor(next() * 10)}`;
  return out;
}

function buildRegistry(origin, now = Date.now()) {
  const person = { name: 'gate-bench', email: 'gate-bench@example.test' };
  const tarballs = new Map();
  const full = {};
  const abbreviated = {};
  const time = {};
  for (const { version, index, time: published } of versionList(now)) {
    const { manifest, files } = packFiles(version, index);
    const tarball = tgz(files);
    const file = `${PACKAGE_NAME}-${version}.tgz`;
    tarballs.set(`/${PACKAGE_NAME}/-/${file}`, tarball);
    const dist = {
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      shasum: createHash('sha1').update(tarball).digest('hex'),
      tarball: `${origin}/${PACKAGE_NAME}/-/${file}`,
      fileCount: Object.keys(files).length,
      unpackedSize: Object.values(files).reduce((n, b) => n + b.length, 0),
    };
    const deps = dependencies(index);
    const devDependencies = { 'gate-bench-test-runner': '^9.1.0', 'gate-bench-linter': '^8.57.0' };
    const engines = { node: '>=18' };
    full[version] = {
      ...manifest,
      keywords: ['benchmark', 'registry', 'proxy', 'synthetic'],
      homepage: 'https://example.test/gate-bench-pkg#readme',
      bugs: { url: 'https://example.test/gate-bench-pkg/issues' },
      repository: { type: 'git', url: 'git+https://example.test/gate-bench-pkg.git' },
      author: person,
      scripts: { test: 'node --test', lint: 'eslint .' },
      dependencies: deps,
      devDependencies,
      engines,
      gitHead: createHash('sha1').update(version).digest('hex'),
      _id: `${PACKAGE_NAME}@${version}`,
      _nodeVersion: '20.11.1',
      _npmVersion: '10.2.4',
      _npmUser: person,
      maintainers: [person],
      directories: {},
      _hasShrinkwrap: false,
      dist,
    };
    abbreviated[version] = { name: PACKAGE_NAME, version, dependencies: deps, devDependencies, engines, dist, _hasShrinkwrap: false };
    time[version] = published;
  }
  const versions = Object.keys(full);
  const latest = versions.at(-1);
  const modified = time[latest];
  const fullDoc = {
    _id: PACKAGE_NAME,
    _rev: `${VERSIONS}-${createHash('md5').update(latest).digest('hex')}`,
    name: PACKAGE_NAME,
    description: full[latest].description,
    'dist-tags': { latest },
    versions: full,
    time: { created: time[versions[0]], modified, ...time },
    maintainers: [person],
    author: person,
    repository: full[latest].repository,
    homepage: full[latest].homepage,
    bugs: full[latest].bugs,
    license: 'MIT',
    keywords: full[latest].keywords,
    readme: `# ${PACKAGE_NAME}\n\n${'A synthetic package the chainwatch gate benchmark serves. '.repeat(60)}\n`,
    readmeFilename: 'README.md',
    users: {},
  };
  const abbreviatedDoc = { name: PACKAGE_NAME, modified, 'dist-tags': { latest }, versions: abbreviated };
  const body = (doc) => {
    const bytes = Buffer.from(JSON.stringify(doc));
    return { bytes, etag: `"${createHash('sha1').update(bytes).digest('hex')}"` };
  };
  return {
    latest,
    full: body(fullDoc),
    abbreviated: body(abbreviatedDoc),
    tarballs: new Map([...tarballs].map(([path, bytes]) => [path, { bytes, etag: `"${createHash('sha1').update(bytes).digest('hex')}"` }])),
    lastModified: new Date(modified).toUTCString(),
  };
}

function serve(registry) {
  return (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { 'content-type': 'application/json' }, Buffer.from('{"error":"method not allowed"}'), req);
    if (path === `/${PACKAGE_NAME}`) {
      const short = (req.headers.accept ?? '').includes(ABBREVIATED);
      const doc = short ? registry.abbreviated : registry.full;
      return answer(req, res, doc, {
        'content-type': short ? ABBREVIATED : 'application/json',
        'cache-control': 'public, max-age=300',
        'last-modified': registry.lastModified,
        vary: 'accept, accept-encoding',
      });
    }
    const tarball = registry.tarballs.get(path);
    if (tarball) return answer(req, res, tarball, { 'content-type': 'application/octet-stream', 'cache-control': 'public, max-age=31557600', 'last-modified': registry.lastModified });
    return send(res, 404, { 'content-type': 'application/json' }, Buffer.from('{"error":"Not found"}'), req);
  };
}

function answer(req, res, doc, headers) {
  if (req.headers['if-none-match'] === doc.etag) return send(res, 304, { ...headers, etag: doc.etag }, null, req);
  return send(res, 200, { ...headers, etag: doc.etag }, doc.bytes, req);
}

function send(res, status, headers, bytes, req) {
  res.writeHead(status, bytes ? { ...headers, 'content-length': bytes.length } : headers);
  res.end(req.method === 'HEAD' ? undefined : bytes ?? undefined);
}

const server = createServer();
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const registry = buildRegistry(`http://127.0.0.1:${port}`);
  server.on('request', serve(registry));
  const tarballPath = `/${PACKAGE_NAME}/-/${PACKAGE_NAME}-${registry.latest}.tgz`;
  process.stdout.write(JSON.stringify({
    port,
    name: PACKAGE_NAME,
    latest: registry.latest,
    versions: VERSIONS,
    tarballPath,
    sizes: { full: registry.full.bytes.length, abbreviated: registry.abbreviated.bytes.length, tarball: registry.tarballs.get(tarballPath).bytes.length },
  }) + '\n');
});
// wrk and the proxy hold keep-alive connections: close them too, or close() would wait for them.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop).resume();
