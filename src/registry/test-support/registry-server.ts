import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as tarCreate } from 'tar';

/**
 * A tiny npm registry on 127.0.0.1 for tests: packuments at /<name> (scoped as @scope%2fname or
 * @scope/name, as clients differ), tarballs at /<name>/-/<unscoped>-<version>.tgz, every request
 * logged with its Authorization and Accept headers. Packuments are full (`time`, `_npmUser`,
 * `maintainers`, `scripts`, …, as far as the test packages give them) unless the Accept header asks
 * for npm's abbreviated `application/vnd.npm.install-v1+json`, which keeps only what the registry
 * docs list for it. `latest` is the last release listed, `next` the last prerelease, unless a
 * packument's `distTags` say otherwise. `tarballBase` lets packuments point their tarballs at
 * another server (a CDN, as public registries do); `intercept` answers a request instead of the
 * registry (errors, hangs, tampering); `tokens` makes some packages private, as a registry's
 * restricted packages are.
 */
export interface TestPerson {
  name: string;
  email?: string;
}

export interface TestPackage {
  name: string;
  version: string;
  /** Tarball files under `package/`; defaults: a package.json (name, version, `manifest`) and an index.js. */
  files?: Record<string, string>;
  /**
   * More package.json fields (`scripts`, `dependencies`, `repository`, `bin`, …), written into the
   * tarball's package.json. The packument lists the tarball's package.json as it is, so a
   * `files['package.json']` given instead is what the packument shows.
   */
  manifest?: Record<string, unknown>;
  /** Publish time (ISO), listed in the packument's `time`. */
  time?: string;
  /** The publishing account (`_npmUser`). */
  publisher?: TestPerson;
  /** The version's `maintainers`. */
  maintainers?: TestPerson[];
  /**
   * Published with a (fake, inert) `dist.attestations`, as provenance or trusted publishing leave.
   * With a source, the registry also serves the attestation bundle: an (unsigned) SLSA v1
   * statement naming that repository and workflow, in the shape npm publishes.
   */
  attestations?: boolean | { repository: string; workflow: string };
}

export interface PackedPackage extends TestPackage {
  tgz: Buffer;
  integrity: string;
  shasum: string;
  /** The tarball's package.json as the registry would read it. */
  packageJson: Record<string, unknown>;
  fileCount: number;
  unpackedSize: number;
}

/** Packument-level settings for one package name. */
export interface TestPackumentOptions {
  /** Replaces the default tags. */
  distTags?: Record<string, string>;
  /** `time.created` / `time.modified`; default the first and last version times. */
  created?: string;
  modified?: string;
  /** The package's current maintainers; default the last listed version's. */
  maintainers?: TestPerson[];
}

export interface TestRegistryOptions {
  packuments?: Record<string, TestPackumentOptions>;
  /**
   * Private packages: name -> the token their packument and tarballs need as
   * `Authorization: Bearer <token>`; any other request for them gets 401.
   */
  tokens?: Record<string, string>;
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
      const files = {
        'package.json': JSON.stringify({ name: pkg.name, version: pkg.version, ...pkg.manifest }, null, 2) + '\n',
        'index.js': `module.exports = '${pkg.name}@${pkg.version}';\n`,
        ...pkg.files,
      };
      for (const [rel, text] of Object.entries(files)) {
        const path = join(root, 'package', rel);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
      }
      const file = join(root, 'pkg.tgz');
      tarCreate({ gzip: true, cwd: root, file, sync: true, portable: true }, ['package']);
      const tgz = readFileSync(file);
      out.set(`${pkg.name}@${pkg.version}`, {
        ...pkg,
        tgz,
        integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
        shasum: createHash('sha1').update(tgz).digest('hex'),
        packageJson: parseObject(files['package.json']),
        fileCount: Object.keys(files).length,
        unpackedSize: Object.values(files).reduce((n, text) => n + Buffer.byteLength(text), 0),
      });
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function startRegistry(packed: Map<string, PackedPackage>, opts: TestRegistryOptions = {}): Promise<TestRegistry> {
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
    const token = opts.tokens?.[tgz ? tgz[1]! : path.slice(1)];
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'authentication required' }));
    }
    const attestation = /^\/-\/npm\/v1\/attestations\/(.+)$/.exec(path);
    if (attestation) {
      const source = packed.get(attestation[1]!)?.attestations;
      return typeof source === 'object' ? json(200, attestationsDocument(attestation[1]!, source)) : json(404, { error: 'not found' });
    }
    if (tgz) {
      const p = packed.get(`${tgz[1]}@${tgz[2]}`);
      if (!p) return json(404, { error: 'not found' });
      // Public registries mark tarballs cacheable for a long time: a version's bytes never change.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': p.tgz.length, 'cache-control': 'public, max-age=31557600' });
      return res.end(p.tgz);
    }
    const name = path.slice(1);
    const versions = byName.get(name);
    if (!versions) return json(404, { error: 'not found' });
    const full = fullPackument(versions, opts.packuments?.[name] ?? {}, { url: registry.url, tarballBase: registry.tarballBase || registry.url });
    if ((req.headers.accept ?? '').includes(CORGI_TYPE)) {
      res.writeHead(200, { 'content-type': CORGI_TYPE });
      return res.end(JSON.stringify(abbreviated(full)));
    }
    json(200, full);
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

/** The attestations document of `spec` (name@version): npm's publish attestation and a SLSA v1 provenance statement. */
function attestationsDocument(spec: string, source: { repository: string; workflow: string }): Json {
  const envelope = (statement: Json) => ({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    dsseEnvelope: { payload: Buffer.from(JSON.stringify(statement)).toString('base64'), payloadType: 'application/vnd.in-toto+json', signatures: [{ sig: '', keyid: '' }] },
  });
  const subject = [{ name: `pkg:npm/${spec}`, digest: { sha512: '' } }];
  return {
    attestations: [
      {
        predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1',
        bundle: envelope({ _type: 'https://in-toto.io/Statement/v1', subject, predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', predicate: { name: spec.replace(/@[^@]+$/, ''), version: spec.replace(/^.+@/, ''), registry: 'registry.example.test' } }),
      },
      {
        predicateType: 'https://slsa.dev/provenance/v1',
        bundle: envelope({
          _type: 'https://in-toto.io/Statement/v1',
          subject,
          predicateType: 'https://slsa.dev/provenance/v1',
          predicate: {
            buildDefinition: {
              buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
              externalParameters: { workflow: { ref: 'refs/heads/main', repository: source.repository, path: source.workflow } },
            },
            runDetails: { builder: { id: 'https://ci.example.test/runner' } },
          },
        }),
      },
    ],
  };
}

const CORGI_TYPE = 'application/vnd.npm.install-v1+json';

/** Per version, what npm's registry docs list for the abbreviated ("corgi") document. */
const CORGI_VERSION_FIELDS = [
  'name',
  'version',
  'deprecated',
  'dependencies',
  'optionalDependencies',
  'devDependencies',
  'bundleDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bin',
  'directories',
  'dist',
  'engines',
  '_hasShrinkwrap',
  'hasInstallScript',
  'cpu',
  'os',
];

type Json = Record<string, unknown>;

function fullPackument(versions: PackedPackage[], meta: TestPackumentOptions, where: { url: string; tarballBase: string }): Json {
  const name = versions[0]!.name;
  const times = versions.filter((p) => p.time !== undefined).map((p) => p.time!);
  const sorted = [...times].sort((a, b) => Date.parse(a) - Date.parse(b));
  const created = meta.created ?? sorted[0];
  const modified = meta.modified ?? sorted[sorted.length - 1];
  const time: Json = {
    ...(created === undefined ? {} : { created }),
    ...(modified === undefined ? {} : { modified }),
    ...Object.fromEntries(versions.filter((p) => p.time !== undefined).map((p) => [p.version, p.time])),
  };
  const maintainers = meta.maintainers ?? versions[versions.length - 1]!.maintainers;
  return {
    _id: name,
    name,
    'dist-tags': meta.distTags ?? distTags(versions),
    versions: Object.fromEntries(versions.map((p) => [p.version, versionDoc(p, where)])),
    ...(Object.keys(time).length === 0 ? {} : { time }),
    ...(maintainers === undefined ? {} : { maintainers }),
  };
}

function versionDoc(p: PackedPackage, where: { url: string; tarballBase: string }): Json {
  return {
    ...p.packageJson,
    name: p.name,
    version: p.version,
    _id: `${p.name}@${p.version}`,
    ...(p.publisher === undefined ? {} : { _npmUser: p.publisher }),
    ...(p.maintainers === undefined ? {} : { maintainers: p.maintainers }),
    dist: {
      integrity: p.integrity,
      shasum: p.shasum,
      tarball: `${where.tarballBase}${p.name}/-/${p.name.split('/').pop()}-${p.version}.tgz`,
      fileCount: p.fileCount,
      unpackedSize: p.unpackedSize,
      // Inert: the URL has the registry's shape but this server serves no attestation there.
      ...(p.attestations ? { attestations: { url: `${where.url}-/npm/v1/attestations/${p.name}@${p.version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } : {}),
    },
  };
}

/** What the registry keeps for installs; `hasInstallScript` stands in for the dropped `scripts`. */
function abbreviated(full: Json): Json {
  const time = (full['time'] ?? {}) as Json;
  const versions = full['versions'] as Record<string, Json>;
  return {
    name: full['name'],
    ...(time['modified'] === undefined ? {} : { modified: time['modified'] }),
    'dist-tags': full['dist-tags'],
    versions: Object.fromEntries(
      Object.entries(versions).map(([v, doc]) => {
        const scripts = (doc['scripts'] ?? {}) as Json;
        const hasInstallScript = ['preinstall', 'install', 'postinstall'].some((s) => typeof scripts[s] === 'string');
        const kept = Object.fromEntries(CORGI_VERSION_FIELDS.filter((f) => doc[f] !== undefined).map((f) => [f, doc[f]]));
        return [v, hasInstallScript ? { ...kept, hasInstallScript: true } : kept];
      }),
    ),
  };
}

function distTags(versions: PackedPackage[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const p of versions) tags[p.version.includes('-') ? 'next' : 'latest'] = p.version;
  return tags;
}

function parseObject(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {};
  }
}
