import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ErrorCodes, ToolError } from '../core/index.js';
import type { ReleaseSide } from '../diff/index.js';
import { fetchVersionTarball, resolveRelease, versionInfo, withProvenanceSource, type NpmConfig, type Packument, type VersionInfo } from '../registry/index.js';
import { readPackageDir } from './package-dirs.js';
import { extractTarball, type TarballProblem } from './tarball.js';

/**
 * One release to compare, from what the user named: a package directory, a `.tgz` file, or a
 * registry spec (`chalk@5.6.1`) fetched from the configured registry (tarball verified against the
 * published integrity, extracted with the safety limits of extractTarball). Nothing is installed
 * or run.
 */
export interface OpenedRelease {
  side: ReleaseSide;
  /** Where its files are on disk (the directory given, or the tarball's extraction). */
  dir: string;
  /** Archive entries the extraction refused (traversal, links out, devices, bombs). */
  problems: readonly TarballProblem[];
  /** The full packument, when the release came from a registry. */
  packument?: Packument;
  cleanup(): Promise<void>;
}

/** Files past this size are not read for the diff (they are listed, compared by size only). */
const MAX_FILE_BYTES = 32 * 2 ** 20;

export type ConfigLoader = () => Promise<NpmConfig>;

/** Opens `target` (directory, `.tgz` or spec) relative to `cwd`; `packuments` shares registry answers between calls. */
export async function openRelease(target: string, cwd: string, config: ConfigLoader, packuments?: Map<string, Promise<Packument>>): Promise<OpenedRelease> {
  const abs = resolve(cwd, target);
  const stat = existsSync(abs) ? statSync(abs) : undefined;
  if (stat?.isDirectory()) return { side: sideFromDir(abs, target), dir: abs, problems: [], cleanup: async () => {} };
  if (stat?.isFile() && /\.(?:tgz|tar\.gz)$/.test(abs)) {
    const extracted = await extractTarball(abs);
    return { side: sideFromDir(extracted.dir, target), dir: extracted.dir, problems: extracted.problems, cleanup: () => extracted.cleanup() };
  }
  if (stat || !looksLikeSpec(target)) {
    throw new ToolError(ErrorCodes.usage, `${target}: no such directory or .tgz file, and not a package spec`, {
      hint: 'give name@version (fetched from your configured registry), a .tgz file or a package directory',
    });
  }
  const opts = { config: await config() };
  const { packument, version } = await resolveRelease(target, { ...opts, ...(packuments ? { packuments } : {}) });
  return openRegistryVersion(packument, version, target, opts);
}

/** Downloads and opens one exact version of a packument already fetched (full). */
export async function openRegistryVersion(packument: Packument, version: string, label: string, opts: { config: NpmConfig }): Promise<OpenedRelease> {
  const fetched = await fetchVersionTarball(packument, version, opts);
  const extracted = await extractTarball({ data: fetched.data, label: `${packument.name}@${version}` });
  const side = sideFromDir(extracted.dir, label);
  const info = versionInfo(packument, version);
  const provenance = info.provenance && (await withProvenanceSource(packument.name, info.provenance, opts));
  return {
    side: { ...side, name: packument.name, version, registry: registryFacts({ ...info, provenance }) },
    dir: extracted.dir,
    problems: extracted.problems,
    packument,
    cleanup: () => extracted.cleanup(),
  };
}

/** The registry's facts about a version in the shape the diff reads. */
function registryFacts(info: VersionInfo): NonNullable<ReleaseSide['registry']> {
  return {
    ...(info.publishedAt === undefined ? {} : { publishedAt: info.publishedAt }),
    ...(info.publisher === undefined ? {} : { publisher: info.publisher }),
    maintainers: info.maintainers,
    provenance: info.provenance,
    ...(info.unpackedSize === undefined ? {} : { unpackedSize: info.unpackedSize }),
    distTags: info.distTags,
    versionTimes: info.versionTimes,
  };
}

function sideFromDir(dir: string, label: string): ReleaseSide {
  const { info } = readPackageDir(dir, { fingerprint: false });
  const listed = new Set(info.files);
  return {
    name: info.manifest ? info.name : basename(dir),
    version: info.version,
    label,
    manifest: info.manifest,
    files: info.files,
    executables: info.executables,
    // Only files the listing found (never a path a manifest or patch names), never through a link.
    readFile: (path) => {
      if (!listed.has(path)) return undefined;
      const file = join(dir, path);
      try {
        const st = lstatSync(file);
        return st.isFile() && st.size <= MAX_FILE_BYTES ? readFileSync(file) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** `name`, `name@version`, `@scope/name@range`: what npm would resolve against a registry. */
export function looksLikeSpec(target: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:@[^\s/]+)?$/i.test(target);
}
