import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AdvisoryIndex } from '../advisories/index.js';
import { ErrorCodes, isToolError, ToolError } from '../core/index.js';
import { fetchRaw, parsePackument, redactUrl, type NpmConfig, type Packument, type RawResponse } from '../registry/index.js';
import { ByteLru } from './byte-lru.js';
import { decideVersions, decisionOf, releaseAgeFor, type Decision, type EngineVerdict, type PackumentDecisions, type Reason } from './decide.js';
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
  /** Verified tarballs kept in memory, in bytes (default 256 MiB; 0: none). */
  tarballMemoryBytes?: number;
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
/** A version's bytes never change, so clients may keep a tarball as long as the registry lets them. */
const TARBALL_CACHE_CONTROL = 'public, max-age=31557600';
const CORGI = 'application/vnd.npm.install-v1+json';
/** When the upstream gives no max-age for a packument, how long a decision stands (ms). */
const DEFAULT_TTL_MS = 60_000;
/** Request headers a client may pass on to the upstream; credentials are npm's configured ones, never the client's. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'npm-otp', 'npm-command', 'npm-scope', 'npm-in-ci'];
/** Tarballs larger than this are streamed through but not kept in memory. */
const MAX_MEMORY_TARBALL = 8 * 1024 * 1024;
/** Response headers passed back; bodies are decoded by npm's fetch, so no content-encoding or length. */
const RETURNED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'www-authenticate', 'npm-notice'];

type Form = 'full' | 'corgi';

interface PackageState {
  /** The document the decisions were made on: the abbreviated one when it was enough, else the full one. */
  packument: Packument;
  /** The upstream's documents as fetched, by form. */
  docs: Map<Form, Record<string, unknown>>;
  decisions: PackumentDecisions;
  /** Nothing left to serve: the packument itself is refused, naming the reasons. */
  allBlocked: boolean;
  expiresAt: number;
  /** Rewritten responses, by form and tarball URLs, serialised once. */
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
 * Where a served packument's `dist.tarball` points. npm and yarn 1 write it into their lockfiles,
 * where the gate's address (a port that is gone tomorrow) would break the next install without
 * it; so they get the upstream's URL, and npm still downloads through the gate because the gate
 * runs it with `replace-registry-host=always`. pnpm, yarn 2+ and bun record no URL for registry
 * packages and download from whatever the packument says: they get the gate's.
 */
type TarballUrls = 'upstream' | 'gate';

function tarballUrlsFor(req: IncomingMessage): TarballUrls {
  const agent = req.headers['user-agent'] ?? '';
  return agent.startsWith('npm/') || agent.startsWith('yarn/1.') ? 'upstream' : 'gate';
}

/**
 * The install gate: a registry proxy on 127.0.0.1 that serves the upstream's packuments without the
 * versions the policy blocks, refuses their tarballs with 403 and a JSON body naming the rule, and
 * passes every other request on. Decisions are made on the full packument (publish times and the
 * predecessor's attestations are only there), or on the abbreviated one alone when the package has
 * not changed for longer than its cooldown, and kept in memory until the upstream's max-age runs
 * out or a version held back by the cooldown comes of age, whichever is first.
 */
export async function startGate(opts: GateOptions): Promise<Gate> {
  const now = opts.now ?? Date.now;
  const emit = opts.onEvent ?? (() => {});
  const requestOpts = { config: opts.config, ...(opts.cache === undefined ? {} : { cache: opts.cache }), ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }) };
  const packages = new ByteLru<PackageState>(opts.memoryBytes ?? 256 * 1024 * 1024);
  const tarballs = new ByteLru<Buffer>(opts.tarballMemoryBytes ?? 256 * 1024 * 1024);
  const loading = new Map<string, Promise<Loaded>>();
  const verdicts = new Map<string, EngineVerdict>();
  let base = '';
  const upstreamPrefix = new URL(opts.config.registry).pathname;

  /**
   * The package's state with the `form` document in it (`any`: whichever is there, for the
   * decisions alone), fetched and decided when it is not fresh.
   */
  async function load(name: string, wanted: Form | 'any'): Promise<Loaded> {
    const cached = packages.get(name);
    if (cached && cached.expiresAt > now() && (wanted === 'any' || cached.docs.has(wanted))) return { state: cached };
    const form = wanted === 'any' ? 'corgi' : wanted;
    const key = `${form}:${name}`;
    let pending = loading.get(key);
    if (!pending) {
      pending = fetchPackage(name, form, cached).finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  }

  async function fetchPackage(name: string, form: Form, cached: PackageState | undefined): Promise<Loaded> {
    if (cached && cached.expiresAt > now()) {
      // Decided already; only this form of the document is missing.
      const fetched = await fetchDoc(name, form, false);
      if ('error' in fetched) return fetched;
      cached.docs.set(form, fetched.doc);
      return { state: cached };
    }
    const revalidate = cached !== undefined;
    if (form === 'corgi' && opts.policy.provenance === 'off') {
      const corgi = await fetchDoc(name, 'corgi', revalidate);
      if ('error' in corgi) return corgi;
      // Nothing in the package changed for longer than its cooldown, so no version is too young, and
      // the abbreviated document holds the rest of what the policy reads (install scripts, integrity):
      // the full document, many times larger, is not needed.
      const modified = Date.parse(String(corgi.doc['modified'] ?? ''));
      if (!Number.isNaN(modified) && now() - modified >= releaseAgeFor(name, opts.policy)) {
        return { state: decide(name, new Map([['corgi', corgi.doc]]), 'corgi', corgi.maxAgeMs, modified) };
      }
      const full = await fetchDoc(name, 'full', revalidate);
      if ('error' in full) return full;
      return { state: decide(name, new Map([['full', full.doc], ['corgi', corgi.doc]]), 'full', Math.min(full.maxAgeMs, corgi.maxAgeMs)) };
    }
    const [full, other] = await Promise.all([fetchDoc(name, 'full', revalidate), form === 'corgi' ? fetchDoc(name, 'corgi', revalidate) : undefined]);
    if ('error' in full) return full;
    if (other && 'error' in other) return other;
    const docs = new Map<Form, Record<string, unknown>>([['full', full.doc]]);
    if (other) docs.set('corgi', other.doc);
    return { state: decide(name, docs, 'full', Math.min(full.maxAgeMs, other?.maxAgeMs ?? Infinity)) };
  }

  /** One form of the upstream's packument, with how long the upstream lets it be cached. */
  async function fetchDoc(name: string, form: Form, revalidate: boolean): Promise<{ doc: Record<string, unknown>; maxAgeMs: number } | { error: RawResponse }> {
    const url = `${opts.config.registryFor(name)}${escapeName(name)}`;
    const res = await fetchRaw(url, requestOpts, { headers: { accept: form === 'corgi' ? CORGI : FULL }, spec: name, preferOnline: revalidate });
    if (res.status !== 200) return { error: res };
    return { doc: parseJson(await readAll(res.body), url), maxAgeMs: maxAgeMs(res.headers) };
  }

  function decide(name: string, docs: Map<Form, Record<string, unknown>>, basis: Form, maxAge: number, publishedBefore?: number): PackageState {
    const registry = opts.config.registryFor(name);
    const packument = parsePackument(docs.get(basis), { name, registry, url: `${registry}${escapeName(name)}`, full: basis === 'full' });
    const decisions = decideVersions({ packument, policy: opts.policy, advisories: opts.advisories, now: now(), verdicts, ...(publishedBefore === undefined ? {} : { publishedBefore }) });
    const allBlocked = decisions.versions.size > 0 && [...decisions.versions.values()].every((d) => d.action === 'block');
    const state: PackageState = { packument, docs, decisions, allBlocked, expiresAt: Math.min(now() + maxAge, decisions.changesAt), served: new Map(), bytes: 0 };
    packages.set(name, state, 0);
    emitPackument(name, decisions);
    return state;
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
  function served(name: string, state: PackageState, form: Form, tarballs: TarballUrls): Served {
    const key = `${form}:${tarballs}`;
    const hit = state.served.get(key);
    if (hit) return hit;
    const rewritten = rewritePackument(state.docs.get(form)!, state.decisions.versions, (version, original) => (tarballs === 'upstream' && original !== undefined ? original : `${base}${tarballPath(name, version)}`));
    const body = Buffer.from(JSON.stringify(rewritten));
    const result = { body, etag: `"cw-${createHash('sha1').update(body).digest('base64url')}"`, contentType: form === 'corgi' ? CORGI : FULL };
    state.served.set(key, result);
    state.bytes += body.length;
    if (packages.get(name) === state) packages.set(name, state, state.bytes);
    return result;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gate');
    // npm's replace-registry-host keeps the upstream's tarball path, prefix included: take it off.
    if (upstreamPrefix !== '/' && url.pathname.startsWith(upstreamPrefix)) url.pathname = url.pathname.slice(upstreamPrefix.length - 1);
    const method = req.method ?? 'GET';
    const route: Route = method === 'GET' || method === 'HEAD' ? routeOf(url.pathname, opts.health ?? false) : { kind: 'pass' };
    switch (route.kind) {
      case 'health':
        return sendJson(res, 200, { status: 'ok', upstream: redactUrl(opts.config.registry) });
      case 'pass':
        return pass(req, res, url, method);
      case 'packument':
      case 'version': {
        const form: Form = route.kind === 'packument' && (req.headers.accept ?? '').includes(CORGI) ? 'corgi' : 'full';
        const loaded = await load(route.name, form);
        if ('error' in loaded) return relay(res, loaded.error, method, url.pathname);
        const { state } = loaded;
        if (route.kind === 'version') return sendVersion(res, state, route.name, route.spec);
        if (state.allBlocked) return sendJson(res, 403, { error: blockedMessage(route.name, 'every version', commonReasons(state.decisions)) }, 'Blocked by chainwatch');
        const out = served(route.name, state, form, tarballUrlsFor(req));
        const headers = { 'content-type': out.contentType, etag: out.etag, 'cache-control': `public, max-age=${Math.max(0, Math.floor((state.expiresAt - now()) / 1000))}` };
        if (req.headers['if-none-match'] === out.etag) {
          res.writeHead(304, headers);
          return void res.end();
        }
        res.writeHead(200, { ...headers, 'content-length': out.body.length });
        return void res.end(method === 'HEAD' ? undefined : out.body);
      }
      case 'tarball':
        return sendTarball(res, route.name, route.version, method);
    }
  }

  function sendVersion(res: ServerResponse, state: PackageState, name: string, spec: string): void {
    const version = state.packument.distTags[spec] !== undefined ? allowedTag(state, spec) : spec;
    const decision = version === undefined ? undefined : state.decisions.versions.get(version);
    if (version === undefined || decision === undefined) return sendJson(res, 404, { error: `${name}@${spec}: no such version or tag` });
    if (decision.action === 'block') return sendJson(res, 403, { error: blockedMessage(name, version, decision.reasons) }, 'Blocked by chainwatch');
    const entry = (state.docs.get('full')!['versions'] as Record<string, Record<string, unknown> | undefined>)[version];
    if (entry === undefined) return sendJson(res, 404, { error: `${name}@${spec}: no such version or tag` });
    sendJson(res, 200, { ...entry, dist: { ...(entry['dist'] as object), tarball: `${base}${tarballPath(name, version)}` } });
  }

  /** A tag as the rewritten packument has it: moved off a blocked version, or gone. */
  function allowedTag(state: PackageState, tag: string): string | undefined {
    const doc = state.docs.get('full')!;
    const tags = rewritePackument({ 'dist-tags': doc['dist-tags'], versions: doc['versions'] }, state.decisions.versions, () => '')['dist-tags'] as Record<string, string>;
    return tags[tag];
  }

  async function sendTarball(res: ServerResponse, name: string, version: string, method: string): Promise<void> {
    const path = `/${tarballPath(name, version)}`;
    const loaded = await load(name, 'any');
    if ('error' in loaded) return relay(res, loaded.error, method, path);
    const { state } = loaded;
    let decision = state.decisions.versions.get(version);
    const entry = state.packument.versions[version];
    if (decision === undefined || entry === undefined) return sendJson(res, 404, { error: `${name}@${version}: no such version` });
    const original = entry.dist.tarball;
    if (original === undefined) return sendJson(res, 502, { error: `${name}@${version}: the upstream packument gives no tarball URL` });
    const integrity = entry.dist.integrity;
    const spec = `${name}@${version}`;
    if (decision.action !== 'block' && opts.policy.malicious !== 'off' && opts.inspect && integrity !== undefined) {
      let bytes = tarballs.get(integrity);
      if (bytes === undefined) {
        const upstream = await fetchRaw(original, requestOpts, { integrity, spec });
        if (upstream.status !== 200) return relay(res, upstream, method, path);
        bytes = await readAll(upstream.body);
        tarballs.set(integrity, bytes, bytes.length);
      }
      if (!verdicts.has(integrity)) verdicts.set(integrity, await opts.inspect(bytes, { name, version, integrity }));
      if (verdicts.get(integrity) === 'malicious') {
        decision = decisionOf([...decision.reasons, { rule: 'malicious', action: opts.policy.malicious, message: 'the detection engine judged its tarball malicious' }]);
        state.decisions.versions.set(version, decision);
        state.allBlocked = [...state.decisions.versions.values()].every((d) => d.action === 'block');
        state.served.clear();
      }
    }
    emit({ type: 'tarball', name, version, action: decision.action, reasons: decision.reasons });
    if (decision.action === 'block') return sendJson(res, 403, { error: blockedMessage(name, version, decision.reasons) }, 'Blocked by chainwatch');
    const kept = integrity === undefined ? undefined : tarballs.get(integrity);
    if (kept !== undefined) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': kept.length, 'cache-control': TARBALL_CACHE_CONTROL });
      return void res.end(method === 'HEAD' ? undefined : kept);
    }
    const upstream = await fetchRaw(original, requestOpts, { ...(integrity === undefined ? {} : { integrity }), spec });
    if (upstream.status !== 200) return relay(res, upstream, method, path);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': TARBALL_CACHE_CONTROL });
    if (method === 'HEAD') return void (destroy(upstream.body), res.end());
    if (integrity === undefined) return pipeline(upstream.body as Readable, res);
    // Kept once it has streamed through whole: npm's fetch checks the integrity before the end.
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size <= MAX_MEMORY_TARBALL) chunks.push(chunk);
        done(null, chunk);
      },
    });
    await pipeline(upstream.body as Readable, keep, res);
    if (size <= MAX_MEMORY_TARBALL) tarballs.set(integrity, Buffer.concat(chunks), size);
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
      // The client hung up (a cancelled install, a load generator stopping): nothing to answer or log.
      if (req.destroyed || res.destroyed) return;
      const status = isToolError(e) && /timed out/.test(e.message) ? 504 : 502;
      const message = isToolError(e) ? e.message : `chainwatch gate: ${e instanceof Error ? e.message : String(e)}`;
      emit({ type: 'upstream-error', method: req.method ?? 'GET', path: req.url ?? '/', status, message });
      if (res.headersSent) return void res.destroy();
      sendJson(res, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new ToolError(ErrorCodes.usage, `cannot listen on 127.0.0.1:${opts.port ?? 0}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.code === 'EACCES' ? 'permission denied' : e.message}`, {
          hint: 'choose another port with --port, or --port 0 for a free one',
          cause: e,
        }),
      ),
    );
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
