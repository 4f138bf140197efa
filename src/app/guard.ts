import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { matchPackages, type AdvisoryIndex } from '../advisories/index.js';
import { ErrorCodes, isToolError, ToolError } from '../core/index.js';
import { GateSummaryBuilder, startGate, type Gate, type GateEvent, type GatePolicy, type GateSummary } from '../gate/index.js';
import { replaceFileAtomically } from '../infra/index.js';
import { loadNpmConfig } from '../registry/index.js';
import { openAdvisorySources } from './advisory-sources.js';
import { analyzeDir } from './inspect-engine.js';
import { registryPins } from './lockfile-pins.js';
import { extractTarball } from './tarball.js';
import { yarnRegistrySettings } from './yarnrc.js';

export interface OpenGateOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  policy: GatePolicy;
  /** The OSV database (`chainwatch db update`); default the user's cache directory. */
  dbPath?: string;
  /** Every decision as a JSON line, appended. */
  logFile?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Answer `GET /healthz` (the long-running proxy). */
  health?: boolean;
  /** The client is yarn 2+: its `.yarnrc.yml` registries and tokens apply on top of npm's. */
  yarn?: boolean;
  onEvent?: (event: GateEvent) => void;
}

export interface OpenedGate {
  gate: Gate;
  /** What the gate matches versions against (curated incidents, the OSV database). */
  advisories: readonly AdvisoryIndex[];
  /** The upstream registry the gate fronts (no credentials). */
  upstream: string;
  summary(): GateSummary;
  /** Stops the gate and flushes the log. */
  close(): Promise<void>;
}

/**
 * Starts the install gate with the user's npm configuration as its upstream, the curated incidents
 * and OSV database as its known-bad list, and the detection engine for `policy.malicious`.
 */
export async function openGate(opts: OpenGateOptions): Promise<OpenedGate> {
  const npm = await loadNpmConfig({ cwd: opts.cwd, env: opts.env });
  const config = opts.yarn ? npm.with(yarnRegistrySettings(opts.cwd, opts.env, opts.homedir)) : npm;
  const sources = openAdvisorySources({ dbPath: opts.dbPath, env: opts.env, homedir: opts.homedir });
  let log: WriteStream | undefined;
  try {
    log = opts.logFile === undefined ? undefined : await openLog(opts.logFile);
    const summary = new GateSummaryBuilder();
    const gate = await startGate({
      config,
      policy: opts.policy,
      advisories: sources.indexes,
      ...(opts.port === undefined ? {} : { port: opts.port }),
      ...(opts.health ? { health: true } : {}),
      inspect: inspectTarball,
      onEvent: (event) => {
        summary.add(event);
        log?.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
        opts.onEvent?.(event);
      },
    });
    return {
      gate,
      advisories: sources.indexes,
      upstream: config.toJSON().registry,
      summary: () => summary.summary(),
      close: async () => {
        await gate.close();
        sources.close();
        if (log) await new Promise<void>((resolve) => log!.end(resolve));
      },
    };
  } catch (e) {
    sources.close();
    log?.end();
    throw e;
  }
}

export interface GuardOptions extends OpenGateOptions {
  /** The package-manager command and its arguments: `['npm', 'install']`. */
  command: readonly string[];
  /**
   * Told, before the command runs, of known-malicious versions the project's lockfiles pin: a
   * package manager installs a tarball it has cached without asking the registry, and bun and
   * yarn 1 download a pinned tarball from the URL their lockfile records, so the gate alone cannot
   * stop those. When a pin of the second kind is among them, the command is not run at all.
   */
  onPinnedMalware?: (pins: PinnedMalware[]) => void;
}

export interface PinnedMalware {
  lockfile: string;
  name: string;
  version: string;
  advisory: string;
  /** The lockfile's client downloads this pin from the URL it records, past the gate (bun, yarn 1). */
  bypassesGate: boolean;
}

export interface GuardResult {
  /**
   * The command's exit code (128 + signal number when a signal ended it), or 1 when it was not
   * run because a lockfile pins malware the gate could not stop.
   */
  exitCode: number;
  ran: boolean;
  summary: GateSummary;
}

/**
 * `chainwatch guard -- <command>`: runs the command with every package manager's registry setting
 * pointed at a gate started for it, through environment variables only, so no file of the user's
 * is touched. The command's output goes straight to the terminal.
 */
export async function runGuarded(opts: GuardOptions): Promise<GuardResult> {
  const [file, ...args] = opts.command;
  if (file === undefined) throw new ToolError(ErrorCodes.usage, 'guard needs a command to run', { hint: 'chainwatch guard -- npm install' });
  // yarn 1 reads .npmrc and .yarnrc (npm's settings); yarn 2+ only .yarnrc.yml.
  const opened = await openGate({ ...opts, yarn: basename(file).replace(/\.(?:c?js|cmd)$/, '') === 'yarn' });
  try {
    const pinned = await pinnedMalware(opts.cwd, opened.advisories);
    if (pinned.length > 0) opts.onPinnedMalware?.(pinned);
    if (pinned.some((p) => p.bypassesGate)) return { exitCode: 1, ran: false, summary: opened.summary() };
    const env = { ...opts.env, ...clientEnvironment(opened.gate.url) };
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(file, args, { cwd: opts.cwd, env, stdio: 'inherit' });
      child.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new ToolError(ErrorCodes.usage, `cannot run ${file}: ${e.code === 'ENOENT' ? 'not found on PATH' : e.message}`, {
            hint: 'give the package manager command after --, e.g. chainwatch guard -- npm ci',
          }),
        ),
      );
      child.once('close', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
    });
    await restoreBunLockUrls(join(opts.cwd, 'bun.lock'), opened.gate.url, opened.upstream);
    return { exitCode, ran: true, summary: opened.summary() };
  } finally {
    await opened.close();
  }
}

/** The lockfiles a package manager run in `dir` reads. */
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock'];

async function pinnedMalware(dir: string, advisories: readonly AdvisoryIndex[]): Promise<PinnedMalware[]> {
  const out: PinnedMalware[] = [];
  for (const lockfile of LOCKFILES.map((name) => join(dir, name)).filter((path) => existsSync(path))) {
    let pins: Map<string, Set<string>>;
    try {
      pins = await registryPins(lockfile, dir);
    } catch (e) {
      // An unreadable lockfile is the package manager's to report.
      if (isToolError(e)) continue;
      throw e;
    }
    const refs = [...pins].flatMap(([name, versions]) => [...versions].map((version) => ({ name, version })));
    const bypassesGate = recordsDownloadUrls(lockfile);
    for (const m of matchPackages(refs, advisories)) {
      if (m.advisory.kind === 'malware') out.push({ lockfile, name: m.pkg.name, version: m.pkg.version, advisory: `${m.advisory.id} ${m.advisory.title}`.trim(), bypassesGate });
    }
  }
  return out;
}

/**
 * bun.lock and yarn 1's yarn.lock: their clients download a pinned tarball from the URL the
 * lockfile records, whatever registry they are pointed at. (npm is told to swap the host,
 * pnpm and yarn 2+ record none.)
 */
function recordsDownloadUrls(lockfile: string): boolean {
  if (basename(lockfile) === 'bun.lock') return true;
  if (basename(lockfile) !== 'yarn.lock') return false;
  return readFileSync(lockfile, 'utf8').slice(0, 200).includes('yarn lockfile v1');
}

/**
 * bun builds a tarball's URL from the registry it is pointed at and records it in bun.lock unless
 * that is the public default registry, so a bun.lock written through the gate would name the
 * gate's port, gone tomorrow. The gate serves tarballs at the registry's own layout, so the
 * upstream's address in its place gives the lockfile bun would have written without the gate.
 * Replaced atomically, and only when the gate's address is in it.
 */
async function restoreBunLockUrls(lockfile: string, gateUrl: string, upstream: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(lockfile, 'utf8');
  } catch {
    return; // no bun.lock: nothing to restore
  }
  if (!text.includes(gateUrl)) return;
  await replaceFileAtomically(lockfile, (temp) => writeFile(temp, text.replaceAll(gateUrl, upstream)));
}

/**
 * The registry settings of npm, pnpm, yarn (classic and berry) and bun, as environment variables
 * that take precedence over their config files. npm also rewrites the registry host of a lockfile's
 * `resolved` URLs to the gate (`replace-registry-host=always`), so a lockfile cannot bypass it.
 * Scoped registries of the user's configuration stay as they are.
 */
export function clientEnvironment(gateUrl: string): Record<string, string> {
  const host = new URL(gateUrl).hostname;
  return {
    npm_config_registry: gateUrl,
    npm_config_replace_registry_host: 'always',
    YARN_REGISTRY: gateUrl,
    YARN_NPM_REGISTRY_SERVER: gateUrl,
    // yarn berry refuses plain http to any host not listed here.
    YARN_UNSAFE_HTTP_WHITELIST: host,
    BUN_CONFIG_REGISTRY: gateUrl,
  };
}

const HOSTILE_ENTRIES = new Set(['traversal', 'absolute', 'link-outside', 'device']);

async function inspectTarball(tarball: Buffer, pkg: { name: string; version: string }): Promise<'malicious' | 'suspicious' | 'clean'> {
  const label = `${pkg.name}@${pkg.version}`;
  const extracted = await extractTarball({ data: tarball, label });
  try {
    // A tarball built to escape its folder is hostile whatever its code says.
    if (extracted.problems.some((p) => HOSTILE_ENTRIES.has(p.kind))) return 'malicious';
    return analyzeDir(extracted.dir, label).verdict;
  } finally {
    await extracted.cleanup();
  }
}

async function openLog(file: string): Promise<WriteStream> {
  const stream = createWriteStream(file, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) => reject(new ToolError(ErrorCodes.io, `${file}: cannot open the log file (${(e as NodeJS.ErrnoException).code ?? e.message})`, { hint: 'check the --log path' })));
  });
  return stream;
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return (signal && numbers[signal]) ?? 1;
}
