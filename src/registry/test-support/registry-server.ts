import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as tarCreate } from 'tar';

/**
 * A tiny npm registry on 127.0.0.1 for tests: packuments at /<name> (scoped as @scope%2fname),
 * tarballs at /<name>/-/<unscoped>-<version>.tgz, every request logged with its Authorization
 * header. `latest` is the last release listed, `next` the last prerelease. `tarballBase` lets packuments point their tarballs at another server (a CDN, as public
 * registries do); `intercept` answers a request instead of the registry (errors, hangs, tampering).
 */
export interface TestPackage {
  name: string;
  version: string;
  files?: Record<string, string>;
}

export interface PackedPackage extends TestPackage {
  tgz: Buffer;
  integrity: string;
}

export interface RequestLog {
  path: string;
  authorization: string | undefined;
  accept: string | undefined;
  userAgent: string | undefined;
}

export interface TestRegistry {
  url: string;
  log: RequestLog[];
  /** Points packument tarball URLs at another server (default: this one). */
  tarballBase: string;
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  close(): Promise<void>;
}

/** Packs each package with `tar.c` as npm lays it out (`package/...`). */
export function packPackages(pkgs: TestPackage[]): Map<string, PackedPackage> {
  const work = mkdtempSync(join(tmpdir(), 'cw-registry-pack-'));
  try {
    const out = new Map<string, PackedPackage>();
    for (const pkg of pkgs) {
      const root = join(work, `${pkg.name.replace('/', '+')}@${pkg.version}`);
      const files = { 'package.json': JSON.stringify({ name: pkg.name, version: pkg.version }), 'index.js': `module.exports = '${pkg.name}@${pkg.version}';\n`, ...pkg.files };
      for (const [rel, text] of Object.entries(files)) {
        const path = join(root, 'package', rel);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
      }
      const file = join(root, 'pkg.tgz');
      tarCreate({ gzip: true, cwd: root, file, sync: true, portable: true }, ['package']);
      const tgz = readFileSync(file);
      out.set(`${pkg.name}@${pkg.version}`, { ...pkg, tgz, integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}` });
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function startRegistry(packed: Map<string, PackedPackage>): Promise<TestRegistry> {
  const byName = new Map<string, PackedPackage[]>();
  for (const p of packed.values()) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);

  const registry: TestRegistry = { url: '', log: [], tarballBase: '', close: async () => {} };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    registry.log.push({ path, authorization: req.headers.authorization, accept: req.headers.accept, userAgent: req.headers['user-agent'] });
    if (registry.intercept?.(req, res)) return;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const tgz = /^\/(.+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(path);
    if (tgz) {
      const p = packed.get(`${tgz[1]}@${tgz[2]}`);
      if (!p) return json(404, { error: 'not found' });
      // Public registries mark tarballs cacheable for a long time: a version's bytes never change.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': p.tgz.length, 'cache-control': 'public, max-age=31557600' });
      return res.end(p.tgz);
    }
    const versions = byName.get(path.slice(1));
    if (!versions) return json(404, { error: 'not found' });
    const base = registry.tarballBase || registry.url;
    json(200, {
      name: versions[0]!.name,
      'dist-tags': distTags(versions),
      versions: Object.fromEntries(
        versions.map((p) => [
          p.version,
          {
            name: p.name,
            version: p.version,
            dist: { tarball: `${base}${p.name}/-/${p.name.split('/').pop()}-${p.version}.tgz`, integrity: p.integrity },
          },
        ]),
      ),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  registry.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return registry;
}

function distTags(versions: PackedPackage[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const p of versions) tags[p.version.includes('-') ? 'next' : 'latest'] = p.version;
  return tags;
}
