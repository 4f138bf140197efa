import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AdvisoryIndex } from '../advisories/index.js';
import { isToolError } from '../core/index.js';
import { fetchRaw, parsePackument, redactUrl, type NpmConfig, type Packument, type RawResponse } from '../registry/index.js';
import { decideVersions, decisionOf, type Decision, type EngineVerdict, type PackumentDecisions, type Reason } from './decide.js';
import type { GatePolicy } from './policy.js';
import { rewritePackument } from './rewrite.js';
import { escapeName, routeOf, tarballPath, type Route } from './routes.js';

export interface GateOptions {
  /** The user's npm configuration: the upstream registries and their credentials. */
  config: NpmConfig;
  policy: GatePolicy;
  /** Curated incidents and the OSV database: versions they list as malware are always blocked. */
  advisories: readonly AdvisoryIndex[];
  /** Default 0: a free port. The gate listens on 127.0.0.1 only. */
  port?: number;
  /** Answer `GET /healthz` (the long-running proxy). */
  health?: boolean;
  /** Runs the detection engine over a tarball (`policy.malicious`); called once per integrity. */
  inspect?: (tarball: Buffer, pkg: { name: string; version: string; integrity: string }) => Promise<EngineVerdict>;
  onEvent?: (event: GateEvent) => void;
  /** For npm's fetch stack (its HTTP cache); default npm's own cache. */
  cache?: string | false;
  timeoutMs?: number;
  /** Epoch ms; tests move the clock. */
  now?: () => number;
  /** Rewritten packuments kept in memory, in bytes (default 256 MiB). */
  memoryBytes?: number;
}

export interface BlockedVersion {
  version: string;
  reasons: Reason[];
}

/** Everything the gate decided or could not do, as it happens: for `--log` and the summary. */
export type GateEvent =
  | { type: 'packument'; name: string; versions: number; blocked: BlockedVersion[]; warned: BlockedVersion[] }
  | { type: 'tarball'; name: string; version: string; action: Decision['action']; reasons: Reason[] }
  | { type: 'upstream-error'; method: string; path: string; status: number; message: string };

export interface Gate {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

const FULL = 'application/json';
const CORGI = 'application/vnd.npm.install-v1+json';
/** When the upstream gives no max-age for a packument, how long a decision stands (ms). */
const DEFAULT_TTL_MS = 60_000;
/** Request headers a client may pass on to the upstream; credentials are npm's configured ones, never the client's. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'npm-otp', 'npm-command', 'npm-scope', 'npm-in-ci'];
/** Response headers passed back; bodies are decoded by npm's fetch, so no content-encoding or length. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'www-authenticate', 'npm-notice'];

interface PackageState {
  packument: Packument;
  /** The full document as the upstream sent it. */
  raw: Record<string, unknown>;
  decisions: PackumentDecisions;
  /** Nothing left to serve: the packument itself is refused, naming the reasons. */
  allBlocked: boolean;
  expiresAt: number;
  /** Rewritten responses, by form, serialised once. */
  served: Map<string, Served>;
  bytes: number;
}

interface Served {
  body: Buffer;
  etag: string;
  contentType: string;
}

type Loaded = { state: PackageState } | { error: RawResponse };

/**
 * The install gate: a registry proxy on 127.0.0.1 that serves the upstream's packuments without the
 * versions the policy blocks, refuses their tarballs with 403 and a JSON body naming the rule, and
 * passes every other request on. Decisions are made on the full packument (publish times, scripts
 * and attestations are only there) and cached in memory until the upstream's max-age runs out or a
 * version held back by the cooldown comes of age, whichever is first.
 */
export async function startGate(opts: GateOptions): Promise<Gate> {
  const now = opts.now ?? Date.now;
  const emit = opts.onEvent ?? (() => {});
  const requestOpts = { config: opts.config, ...(opts.cache === undefined ? {} : { cache: opts.cache }), ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }) };
  const packages = new Map<string, PackageState>();
  const loading = new Map<string, Promise<Loaded>>();
  const verdicts = new Map<string, EngineVerdict>();
  const memoryBytes = opts.memoryBytes ?? 256 * 1024 * 1024;
  let heldBytes = 0;
  let base = '';

  function remember(name: string, state: PackageState): void {
    const old = packages.get(name);
    if (old) heldBytes -= old.bytes;
    packages.delete(name);
    packages.set(name, state);
    heldBytes += state.bytes;
    for (const [key, value] of packages) {
      if (heldBytes <= memoryBytes || key === name) break;
      packages.delete(key);
      heldBytes -= value.bytes;
    }
  }

  async function load(name: string): Promise<Loaded> {
    const cached = packages.get(name);
    if (cached && cached.expiresAt > now()) return { state: cached };
    let pending = loading.get(name);
    if (!pending) {
      pending = fetchPackage(name, cached !== undefined).finally(() => loading.delete(name));
      loading.set(name, pending);
    }
    return pending;
  }

  async function fetchPackage(name: string, revalidate: boolean): Promise<Loaded> {
    const registry = opts.config.registryFor(name);
    const res = await fetchRaw(`${registry}${escapeName(name)}`, requestOpts, { headers: { accept: FULL }, spec: name, preferOnline: revalidate });
    if (res.status !== 200) return { error: res };
    const raw = parseJson(await readAll(res.body), `${registry}${escapeName(name)}`);
    const packument = parsePackument(raw, { name, registry, url: `${registry}${escapeName(name)}`, full: true });
    const decisions = decideVersions({ packument, policy: opts.policy, advisories: opts.advisories, now: now(), verdicts });
    const allBlocked = decisions.versions.size > 0 && [...decisions.versions.values()].every((d) => d.action === 'block');
    const state: PackageState = { packument, raw, decisions, allBlocked, expiresAt: Math.min(now() + maxAgeMs(res.headers), decisions.changesAt), served: new Map(), bytes: 0 };
    remember(name, state);
    emitPackument(name, decisions);
    return { state };
  }

  function emitPackument(name: string, decisions: PackumentDecisions): void {
    const blocked: BlockedVersion[] = [];
    const warned: BlockedVersion[] = [];
    for (const [version, d] of decisions.versions) {
      if (d.action === 'block') blocked.push({ version, reasons: d.reasons });
      else if (d.action === 'warn') warned.push({ version, reasons: d.reasons });
    }
    emit({ type: 'packument', name, versions: decisions.versions.size, blocked, warned });
  }

  /** The rewritten packument in the form asked for, serialised once per form and state. */
  async function served(name: string, state: PackageState, form: 'full' | 'corgi'): Promise<Served | RawResponse> {
    const hit = state.served.get(form);
    if (hit) return hit;
    let doc = state.raw;
    if (form === 'corgi') {
      const registry = opts.config.registryFor(name);
      const res = await fetchRaw(`${registry}${escapeName(name)}`, requestOpts, { headers: { accept: CORGI }, spec: name, preferOnline: true });
      if (res.status !== 200) return res;
      doc = parseJson(await readAll(res.body), `${registry}${escapeName(name)}`);
    }
    const rewritten = rewritePackument(doc, state.decisions.versions, (version) => `${base}${tarballPath(name, version)}`);
    const body = Buffer.from(JSON.stringify(rewritten));
    const result = { body, etag: `"cw-${createHash('sha1').update(body).digest('base64url')}"`, contentType: form === 'corgi' ? CORGI : FULL };
    state.served.set(form, result);
    state.bytes += body.length;
    heldBytes += body.length;
    return result;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gate');
    const method = req.method ?? 'GET';
    const route: Route = method === 'GET' || method === 'HEAD' ? routeOf(url.pathname, opts.health ?? false) : { kind: 'pass' };
    switch (route.kind) {
      case 'health':
        return sendJson(res, 200, { status: 'ok', upstream: redactUrl(opts.config.registry) });
      case 'pass':
        return pass(req, res, url, method);
      case 'packument':
      case 'version': {
        const loaded = await load(route.name);
        if ('error' in loaded) return relay(res, loaded.error, method, url.pathname);
        const { state } = loaded;
        if (route.kind === 'version') return sendVersion(res, state, route.name, route.spec);
        if (state.allBlocked) return sendJson(res, 403, { error: blockedMessage(route.name, 'every version', commonReasons(state.decisions)) }, 'Blocked by chainwatch');
        const form = (req.headers.accept ?? '').includes(CORGI) ? 'corgi' : 'full';
        const out = await served(route.name, state, form);
        if (!('etag' in out)) return relay(res, out, method, url.pathname);
        const headers = { 'content-type': out.contentType, etag: out.etag, 'cache-control': `public, max-age=${Math.max(0, Math.floor((state.expiresAt - now()) / 1000))}` };
        if (req.headers['if-none-match'] === out.etag) {
          res.writeHead(304, headers);
          return void res.end();
        }
        res.writeHead(200, { ...headers, 'content-length': out.body.length });
        return void res.end(method === 'HEAD' ? undefined : out.body);
      }
      case 'tarball':
        return sendTarball(req, res, route.name, route.version, method);
    }
  }

  function sendVersion(res: ServerResponse, state: PackageState, name: string, spec: string): void {
    const version = state.packument.distTags[spec] !== undefined ? allowedTag(state, spec) : spec;
    const decision = version === undefined ? undefined : state.decisions.versions.get(version);
    if (version === undefined || decision === undefined) return sendJson(res, 404, { error: `${name}@${spec}: no such version or tag` });
    if (decision.action === 'block') return sendJson(res, 403, { error: blockedMessage(name, version, decision.reasons) }, 'Blocked by chainwatch');
    const entry = (state.raw['versions'] as Record<string, Record<string, unknown>>)[version]!;
    sendJson(res, 200, { ...entry, dist: { ...(entry['dist'] as object), tarball: `${base}${tarballPath(name, version)}` } });
  }

  /** A tag as the rewritten packument has it: moved off a blocked version, or gone. */
  function allowedTag(state: PackageState, tag: string): string | undefined {
    const tags = rewritePackument({ 'dist-tags': state.raw['dist-tags'], versions: state.raw['versions'] }, state.decisions.versions, () => '')['dist-tags'] as Record<string, string>;
    return tags[tag];
  }

  async function sendTarball(req: IncomingMessage, res: ServerResponse, name: string, version: string, method: string): Promise<void> {
    const loaded = await load(name);
    if ('error' in loaded) return relay(res, loaded.error, method, `/${tarballPath(name, version)}`);
    const { state } = loaded;
    let decision = state.decisions.versions.get(version);
    const entry = state.packument.versions[version];
    if (decision === undefined || entry === undefined) return sendJson(res, 404, { error: `${name}@${version}: no such version` });
    const original = entry.dist.tarball;
    if (original === undefined) return sendJson(res, 502, { error: `${name}@${version}: the upstream packument gives no tarball URL` });
    const integrity = entry.dist.integrity;
    if (decision.action !== 'block' && opts.policy.malicious !== 'off' && opts.inspect && integrity !== undefined) {
      const res2 = await fetchRaw(original, requestOpts, { integrity, spec: `${name}@${version}` });
      if (res2.status !== 200) return relay(res, res2, method, `/${tarballPath(name, version)}`);
      const bytes = await readAll(res2.body);
      if (!verdicts.has(integrity)) verdicts.set(integrity, await opts.inspect(bytes, { name, version, integrity }));
      if (verdicts.get(integrity) === 'malicious') {
        decision = decisionOf([...decision.reasons, { rule: 'malicious', action: opts.policy.malicious, message: 'the detection engine judged its tarball malicious' }]);
        state.decisions.versions.set(version, decision);
        state.allBlocked = [...state.decisions.versions.values()].every((d) => d.action === 'block');
        for (const out of state.served.values()) {
          state.bytes -= out.body.length;
          heldBytes -= out.body.length;
        }
        state.served.clear();
      }
      emit({ type: 'tarball', name, version, action: decision.action, reasons: decision.reasons });
      if (decision.action === 'block') return sendJson(res, 403, { error: blockedMessage(name, version, decision.reasons) }, 'Blocked by chainwatch');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length, 'cache-control': 'public, max-age=31557600' });
      return void res.end(method === 'HEAD' ? undefined : bytes);
    }
    emit({ type: 'tarball', name, version, action: decision.action, reasons: decision.reasons });
    if (decision.action === 'block') return sendJson(res, 403, { error: blockedMessage(name, version, decision.reasons) }, 'Blocked by chainwatch');
    const upstream = await fetchRaw(original, requestOpts, { ...(integrity === undefined ? {} : { integrity }), spec: `${name}@${version}` });
    if (upstream.status !== 200) return relay(res, upstream, method, `/${tarballPath(name, version)}`);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'public, max-age=31557600' });
    if (method === 'HEAD') return void (destroy(upstream.body), res.end());
    await pipeline(upstream.body as Readable, res);
    void req;
  }

  async function pass(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const route = routeOf(url.pathname, false);
    const registry = 'name' in route ? opts.config.registryFor(route.name) : opts.config.registry;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const upstream = await fetchRaw(`${registry}${url.pathname.slice(1)}${url.search}`, requestOpts, { method, headers, ...(hasBody ? { body: req } : {}) });
    relay(res, upstream, method, url.pathname);
  }

  function relay(res: ServerResponse, upstream: RawResponse, method: string, path: string): void {
    const headers: Record<string, string> = {};
    for (const name of RETURNED_RESPONSE_HEADERS) if (upstream.headers[name] !== undefined) headers[name] = upstream.headers[name];
    if (upstream.status >= 400) emit({ type: 'upstream-error', method, path, status: upstream.status, message: errorText(upstream.body) });
    res.writeHead(upstream.status, headers);
    if (Buffer.isBuffer(upstream.body)) return void res.end(method === 'HEAD' ? undefined : upstream.body);
    if (method === 'HEAD') return void (destroy(upstream.body), res.end());
    pipeline(upstream.body, res).catch(() => res.destroy());
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = isToolError(e) && /timed out/.test(e.message) ? 504 : 502;
      const message = isToolError(e) ? e.message : `chainwatch gate: ${e instanceof Error ? e.message : String(e)}`;
      emit({ type: 'upstream-error', method: req.method ?? 'GET', path: req.url ?? '/', status, message });
      if (res.headersSent) return void res.destroy();
      sendJson(res, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

export function blockedMessage(name: string, version: string, reasons: readonly Reason[]): string {
  const why = reasons.filter((r) => r.action === 'block').map((r) => `${r.rule}: ${r.message}`);
  return `chainwatch blocked ${version === 'every version' ? `every version of ${name}` : `${name}@${version}`} (${why.join('; ')})`;
}

/** The blocking reasons every version shares, by rule (for a package with nothing left). */
function commonReasons(decisions: PackumentDecisions): Reason[] {
  const byRule = new Map<string, Reason>();
  for (const d of decisions.versions.values()) for (const r of d.reasons) if (r.action === 'block' && !byRule.has(r.rule)) byRule.set(r.rule, r);
  return [...byRule.values()];
}

function sendJson(res: ServerResponse, status: number, body: unknown, statusMessage?: string): void {
  const text = JSON.stringify(body);
  if (statusMessage !== undefined) res.statusMessage = statusMessage;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** max-age (or s-maxage) of a Cache-Control header, in ms; 0 for no-cache/no-store. */
function maxAgeMs(headers: Record<string, string>): number {
  const cc = headers['cache-control'] ?? '';
  if (/\bno-(?:cache|store)\b/.test(cc)) return 0;
  const m = /\b(?:s-maxage|max-age)=(\d+)/.exec(cc);
  return m ? Number(m[1]) * 1000 : DEFAULT_TTL_MS;
}

async function readAll(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  // Events, not `for await`: npm's minipass streams add a listener per iteration step.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    body.once('end', () => resolve(Buffer.concat(chunks)));
    body.once('error', reject);
  });
}

function parseJson(bytes: Buffer, url: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`${redactUrl(url)} did not answer with a JSON packument`);
}

function errorText(body: Readable | Buffer): string {
  if (!Buffer.isBuffer(body)) return '';
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON
  }
  return body.toString('utf8').slice(0, 200);
}

function destroy(body: Readable | Buffer): void {
  if (!Buffer.isBuffer(body)) body.destroy();
}
