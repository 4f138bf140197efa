import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { parseSyml } from '@yarnpkg/parsers';
import { load as loadYaml } from 'js-yaml';
import { parse as parseJsonc } from 'jsonc-parser';

// Real package-manager clients (the exact versions pinned in devDependencies) run against a
// registry on 127.0.0.1, each in a sandbox of its own: a scratch HOME, its own cache or store,
// a project-level config naming the registry and holding its token, install scripts off, and an
// environment built from nothing rather than inherited, so neither the developer's nor CI's
// settings leak in. The same sandbox runs a client directly or through `chainwatch guard`.
// `yarn` is yarn 4 (berry); `yarn-classic` is yarn 1, whose command is `yarn` too.

/** The clients the install-gate tests run through `chainwatch guard`. */
export type GateClientName = 'npm' | 'pnpm' | 'yarn' | 'bun';
export type ClientName = GateClientName | 'yarn-classic';
export const CLIENTS: readonly GateClientName[] = ['npm', 'pnpm', 'yarn', 'bun'];
/** Every pinned client, yarn 1 included. */
export const ALL_CLIENTS: readonly ClientName[] = ['npm', 'pnpm', 'yarn', 'yarn-classic', 'bun'];
/** The command a user types for each client. */
export const COMMAND: Record<ClientName, string> = { npm: 'npm', pnpm: 'pnpm', yarn: 'yarn', 'yarn-classic': 'yarn', bun: 'bun' };

const repo = resolve(__dirname, '../../..');
/** The command line that starts each pinned client: a JavaScript CLI run by this node, or bun's native binary. */
const commands: Record<ClientName, string> = {
  npm: `'${process.execPath}' '${join(repo, 'node_modules/npm/bin/npm-cli.js')}'`,
  pnpm: `'${process.execPath}' '${join(repo, 'node_modules/pnpm/bin/pnpm.cjs')}'`,
  yarn: `'${process.execPath}' '${join(repo, 'node_modules/@yarnpkg/cli-dist/bin/yarn.js')}'`,
  // yarn@1.22.22 installed under an alias: both packages declare a `yarn` bin.
  'yarn-classic': `'${process.execPath}' '${join(repo, 'node_modules/yarn-classic/bin/yarn.js')}'`,
  // The bun package's postinstall puts the binary of this platform here (what node_modules/.bin/bun links to).
  bun: `'${join(repo, 'node_modules/bun/bin/bun.exe')}'`,
};
export const chainwatchBin = join(repo, 'dist/bundle/main.js');

export interface Sandbox {
  client: ClientName;
  /** The project the client installs into. */
  dir: string;
  env: Record<string, string>;
}

export interface SandboxOptions {
  /** Registry URL with a trailing slash. */
  registry: string;
  /** The token the project's config holds for the registry's host; none for a public registry. */
  token: string | undefined;
  /** HTTPS proxy that every client must use for anything not on 127.0.0.1: see startTrap. */
  trap: string;
  /**
   * yarn (berry) only: the registry and token in an .npmrc too, as a yarn project that also publishes
   * with npm has them (npm, pnpm, yarn 1 and bun projects always have one: yarn 1 reads it too).
   */
  npmrc?: boolean;
  /** Extra files written into the project (chainwatch.config.json, a lockfile, …). */
  files?: Record<string, string>;
}

/**
 * A fresh sandbox under `root`: `root/project` with a package.json and the client's config,
 * `root/home` as HOME, caches under `root`, and `root/bin` holding `npm`/`pnpm`/`yarn`/`bun` shims
 * for the pinned clients, first on PATH so that `chainwatch guard -- <client>` (and `chainwatch fix
 * --relock`) finds them too. `yarn` is yarn 1 in a yarn-classic sandbox and yarn 4 in any other.
 */
export function createSandbox(client: ClientName, root: string, opts: SandboxOptions): Sandbox {
  const dir = join(root, 'project');
  const home = join(root, 'home');
  const bin = join(root, 'bin');
  for (const d of [dir, home, bin]) mkdirSync(d, { recursive: true });
  for (const name of CLIENTS) {
    const shim = join(bin, name);
    const pinned = name === 'yarn' && client === 'yarn-classic' ? 'yarn-classic' : name;
    writeFileSync(shim, `#!/bin/sh\nexec ${commands[pinned]} "$@"\n`);
    chmodSync(shim, 0o755);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'guard-e2e-project', version: '1.0.0', private: true }, null, 2) + '\n');
  const host = opts.registry.replace(/^https?:/, ''); // `//127.0.0.1:<port>/`, npm's key for per-host settings
  const tokenLine = opts.token === undefined ? '' : `${host}:_authToken=${opts.token}\n`;
  if (client !== 'yarn' || opts.npmrc) writeFileSync(join(dir, '.npmrc'), `registry=${opts.registry}\n${tokenLine}`);
  if (client === 'yarn') {
    const server = opts.registry.replace(/\/$/, '');
    writeFileSync(
      join(dir, '.yarnrc.yml'),
      [
        `npmRegistryServer: "${server}"`,
        ...(opts.token === undefined ? [] : ['npmRegistries:', `  "${server}":`, `    npmAuthToken: "${opts.token}"`]),
        'unsafeHttpWhitelist: ["127.0.0.1"]',
        'enableTelemetry: false',
        'enableScripts: false',
        'nodeLinker: node-modules',
        // yarn 4.18 hides versions younger than a day by default; the tests need the newest
        // version visible without the gate, to see the gate hide it.
        'npmMinimalAgeGate: 0',
        '',
      ].join('\n'),
    );
    // Marks the project root so that yarn does not look further up for one.
    writeFileSync(join(dir, 'yarn.lock'), '');
  }
  if (client === 'yarn-classic') {
    // yarn 1 takes the registry and its token from the .npmrc above; .yarnrc holds what is its own.
    // It has no telemetry; its update check (an https request) is off.
    writeFileSync(
      join(dir, '.yarnrc'),
      [`registry "${opts.registry}"`, 'ignore-scripts true', 'disable-self-update-check true', `cache-folder "${join(root, 'yarn-cache')}"`, ''].join('\n'),
    );
  }
  if (client === 'bun') {
    // bun reads the registry and its token from the .npmrc above, as a bun project that came from
    // npm has them (and as chainwatch reads them: it takes the upstream from npm's configuration);
    // bunfig.toml holds what is bun's alone. Install scripts stay off: bun runs only those of
    // `trustedDependencies`, and the project lists none.
    writeFileSync(join(dir, 'bunfig.toml'), 'telemetry = false\n');
  }
  for (const [file, text] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, file), text);

  const env: Record<string, string> = {
    PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: home,
    USERPROFILE: home,
    TMPDIR: join(root, 'tmp'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    NO_COLOR: '1',
    // Anything that tries the internet goes to the trap instead; 127.0.0.1 (the registry, the
    // gate) is reached directly.
    HTTPS_PROXY: opts.trap,
    https_proxy: opts.trap,
    NO_PROXY: '127.0.0.1',
    no_proxy: '127.0.0.1',
  };
  mkdirSync(env.TMPDIR!, { recursive: true });
  if (client === 'yarn') {
    Object.assign(env, {
      YARN_IGNORE_PATH: '1', // never a `yarnPath` binary from a config file
      YARN_GLOBAL_FOLDER: join(root, 'yarn-global'),
      YARN_ENABLE_TELEMETRY: '0',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
      YARN_ENABLE_HARDENED_MODE: '0',
      YARN_ENABLE_PROGRESS_BARS: '0',
      YARN_ENABLE_COLORS: '0',
      YARN_HTTPS_PROXY: opts.trap,
      YARN_HTTP_RETRY: '0', // every server is local: a retry would only drag a failure out to a timeout
      COREPACK_ENABLE_STRICT: '0',
      COREPACK_ENABLE_AUTO_PIN: '0',
      COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    });
  } else if (client === 'yarn-classic') {
    Object.assign(env, {
      YARN_IGNORE_PATH: '1', // never a `yarn-path` binary from a .yarnrc
      YARN_CACHE_FOLDER: join(root, 'yarn-cache'),
      YARN_GLOBAL_FOLDER: join(root, 'yarn-global'),
      YARN_IGNORE_SCRIPTS: 'true',
      YARN_DISABLE_SELF_UPDATE_CHECK: 'true',
      // yarn 1 sends https requests through its https-proxy (the trap) and plain-http ones to the
      // registry on 127.0.0.1 directly.
      YARN_HTTPS_PROXY: opts.trap,
      npm_config_https_proxy: opts.trap,
      npm_config_userconfig: join(home, '.npmrc'),
      npm_config_globalconfig: join(root, 'global-npmrc'),
      COREPACK_ENABLE_STRICT: '0',
      COREPACK_ENABLE_AUTO_PIN: '0',
      COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    });
  } else if (client === 'bun') {
    Object.assign(env, {
      BUN_INSTALL: join(root, 'bun'),
      BUN_INSTALL_CACHE_DIR: join(root, 'bun-cache'),
      DO_NOT_TRACK: '1', // no crash reports or telemetry
      // bun sends plain-http requests to the http proxy: to the trap too, but for 127.0.0.1.
      HTTP_PROXY: opts.trap,
      http_proxy: opts.trap,
      BUN_CONFIG_HTTP_RETRY_COUNT: '0', // as YARN_HTTP_RETRY above
      // chainwatch reads the upstream from npm's configuration: the project's .npmrc alone.
      npm_config_userconfig: join(home, '.npmrc'),
      npm_config_globalconfig: join(root, 'global-npmrc'),
    });
  } else {
    Object.assign(env, {
      npm_config_userconfig: join(home, '.npmrc'),
      npm_config_globalconfig: join(root, 'global-npmrc'),
      npm_config_cache: join(root, 'npm-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      // npm and pnpm send plain-http requests through the https proxy too, unless told not to.
      npm_config_https_proxy: opts.trap,
      npm_config_noproxy: '127.0.0.1',
      npm_config_fetch_retries: '0', // as YARN_HTTP_RETRY above
    });
    if (client === 'pnpm') {
      Object.assign(env, {
        npm_config_store_dir: join(root, 'pnpm-store'),
        npm_config_cache_dir: join(root, 'pnpm-cache'),
        npm_config_state_dir: join(root, 'pnpm-state'),
        // pnpm 10 would otherwise download the pnpm a `packageManager` field names.
        npm_config_manage_package_manager_versions: 'false',
        npm_config_reporter: 'append-only',
      });
    }
  }
  return { client, dir, env };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for messages a client may print on either. */
  output: string;
}

/**
 * Runs a command and collects its output. Asynchronous on purpose: the registry answering it
 * lives in the test process. Killed after `timeoutMs` so that a hanging client fails its test
 * instead of outliving it.
 */
export function run(file: string, args: string[], opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d: Buffer) => ((stdout += d), (output += d)));
    child.stderr.on('data', (d: Buffer) => ((stderr += d), (output += d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 55_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, output });
    });
  });
}

/** The client itself, as a user types it: `npm install …`. */
export function client(sandbox: Sandbox, args: string[]): Promise<Run> {
  return run(join(sandbox.env.PATH!.split(':')[0]!, COMMAND[sandbox.client]), args, { cwd: sandbox.dir, env: sandbox.env });
}

/** The client through the gate: `chainwatch guard [flags] -- <client> <args>`. */
export function guarded(sandbox: Sandbox, guardFlags: string[], args: string[]): Promise<Run> {
  return run(process.execPath, [chainwatchBin, 'guard', ...guardFlags, '--', COMMAND[sandbox.client], ...args], { cwd: sandbox.dir, env: sandbox.env });
}

/** What each client calls adding packages, and a frozen install from the lockfile. */
export function addArgs(name: ClientName, specs: string[]): string[] {
  if (name === 'npm') return ['install', '--ignore-scripts', ...specs];
  if (name === 'pnpm' || name === 'bun') return ['add', '--ignore-scripts', ...specs];
  if (name === 'yarn-classic') return ['add', '--ignore-scripts', '--non-interactive', ...specs];
  return ['add', ...specs]; // scripts are off in .yarnrc.yml
}

export function frozenInstallArgs(name: ClientName): string[] {
  if (name === 'npm') return ['ci', '--ignore-scripts'];
  if (name === 'pnpm' || name === 'bun') return ['install', '--frozen-lockfile', '--ignore-scripts'];
  if (name === 'yarn-classic') return ['install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive'];
  return ['install', '--immutable'];
}

/** A plain install of the project as it is (workspaces included), scripts off. */
export function installArgs(name: ClientName): string[] {
  if (name === 'yarn') return ['install']; // scripts are off in .yarnrc.yml
  if (name === 'yarn-classic') return ['install', '--ignore-scripts', '--non-interactive'];
  return ['install', '--ignore-scripts'];
}

export const LOCKFILES: Record<ClientName, string> = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock', 'yarn-classic': 'yarn.lock', bun: 'bun.lock' };

/** name -> version of the project's direct dependencies, as its lockfile records them. */
export function lockedVersions(sandbox: Sandbox): Record<string, string> {
  const text = readFileSync(join(sandbox.dir, LOCKFILES[sandbox.client]), 'utf8');
  const out: Record<string, string> = {};
  if (sandbox.client === 'npm') {
    const lock = JSON.parse(text) as { packages: Record<string, { version?: string }> };
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
      if (name && entry.version) out[name] = entry.version;
    }
  } else if (sandbox.client === 'pnpm') {
    const lock = loadYaml(text) as { importers: Record<string, { dependencies?: Record<string, { version: string }> }> };
    for (const [name, dep] of Object.entries(lock.importers['.']?.dependencies ?? {})) out[name] = dep.version.replace(/\(.*$/, '');
  } else if (sandbox.client === 'bun') {
    // JSONC: `"packages": { "cw-dep": ["cw-dep@1.0.0", "<tarball URL or empty>", {…}, "sha512-…"] }`,
    // keyed by the path of the install (a direct dependency's key is its name).
    const lock = parseJsonc(text, [], { allowTrailingComma: true }) as { workspaces: Record<string, { dependencies?: Record<string, string> }>; packages: Record<string, [string, ...unknown[]]> };
    for (const name of Object.keys(lock.workspaces['']?.dependencies ?? {})) {
      const id = lock.packages[name]?.[0];
      if (id?.startsWith(`${name}@`)) out[name] = id.slice(name.length + 1);
    }
  } else if (sandbox.client === 'yarn-classic') {
    // yarn 1: `"cw-dep@^1.0.0", "cw-dep@1.1.0": { version "1.1.0", resolved "<tarball URL>#<sha1>", … }`
    // (parseSyml reads the v1 syntax too, one key per descriptor).
    for (const [key, entry] of Object.entries(parseSyml(text) as Record<string, { version?: string }>)) {
      const name = /^(@?[^@]+)@/.exec(key)?.[1];
      if (name && entry.version) out[name] = entry.version;
    }
  } else {
    // yarn berry: `"cw-dep@npm:^1.0.0": { version, resolution: "cw-dep@npm:1.1.0", … }`
    for (const entry of Object.values(parseSyml(text) as Record<string, { resolution?: string; version?: string }>)) {
      const m = /^(.+?)@npm:(.+)$/.exec(entry.resolution ?? '');
      if (m) out[m[1]!] = m[2]!;
    }
  }
  return out;
}

/** The version under node_modules/<name>, or undefined when it is not installed. */
export function installedVersion(sandbox: Sandbox, name: string): string | undefined {
  const file = join(sandbox.dir, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

/**
 * The project's files as the user wrote them (path -> base64 of the bytes): all but what an
 * install is meant to write (package.json, the lockfile, node_modules, yarn's .yarn state).
 */
export function userFiles(sandbox: Sandbox): Record<string, string> {
  const skip = new Set(['package.json', LOCKFILES[sandbox.client], 'node_modules', '.yarn']);
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (dir === sandbox.dir && skip.has(e.name)) continue;
      if (e.isDirectory()) walk(path);
      else out[relative(sandbox.dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(sandbox.dir);
  return out;
}

export interface Trap {
  url: string;
  /** Every host a client tried to reach through the trap. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * An HTTPS proxy that lets nothing through: clients are pointed at it for every https URL (bun for
 * plain-http ones too), so an attempt to reach the internet (update checks, telemetry,
 * self-downloads) is refused and recorded instead of leaving the machine.
 */
export async function startTrap(): Promise<Trap> {
  const hits: string[] = [];
  // A CONNECT socket is the trap's own once answered: closeAllConnections does not reach it.
  const tunnels = new Set<Duplex>();
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(403).end();
  });
  server.on('connect', (req: { url?: string }, socket: Duplex) => {
    hits.push(req.url ?? '');
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    // bun resets the connection on the refusal: that is its way of hanging up, not the trap's error.
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        server.close(() => r());
      }),
  };
}
