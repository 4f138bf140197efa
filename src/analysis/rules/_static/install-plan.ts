import type { ManifestContext, PackageInfo } from '../../types.js';
import { type InstallCommand, installCommands, type Invocation, invocations, normalizePath, resolvePackageFile, type Runner } from './scripts.js';

/**
 * Everything a package runs at install time, as far as a static reading can tell: the lifecycle
 * commands (with `npm run` chains), inline code (`node -e`), the package files those commands
 * run, and the files *those* run or load (`require('./lib/x')`, `spawn('cmd', ['/c', 'compile.bat'])`,
 * `exec('sh preinstall.sh')`), two levels deep. Only files the package really has are listed.
 */
export interface LaunchedFile {
  path: string;
  runner: Runner | 'require' | 'referenced';
  hook: string;
  /** The chain that runs it: `postinstall -> node install.js -> compile.bat`. */
  via: string;
  text: string;
  /** The lifecycle command that starts the chain (to locate findings in package.json). */
  command: string;
  /** JavaScript (analysed as code) or a shell/batch/PowerShell script (classified as commands). */
  language: 'js' | 'script' | 'other';
}

export interface InlineCode {
  runner: Runner;
  code: string;
  hook: string;
  via: string;
  /** The install command it is part of (to locate it in package.json). */
  command: string;
}

export interface InstallPlan {
  commands: InstallCommand[];
  files: LaunchedFile[];
  inline: InlineCode[];
}

const MAX_FILES = 24;
const plans = new WeakMap<PackageInfo, InstallPlan>();

export function installPlan(ctx: ManifestContext): InstallPlan {
  const cached = plans.get(ctx.pkg);
  if (cached) return cached;
  const plan = buildPlan(ctx);
  plans.set(ctx.pkg, plan);
  return plan;
}

function languageOf(path: string, runner: LaunchedFile['runner']): LaunchedFile['language'] {
  if (/\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i.test(path)) return 'js';
  if (/\.(?:sh|bash|zsh|bat|cmd|ps1|psm1|vbs)$/i.test(path) || runner === 'shell' || runner === 'cmd' || runner === 'powershell') return 'script';
  if (runner === 'node' || runner === 'bun' || runner === 'deno') return 'js';
  return 'other';
}

function buildPlan(ctx: ManifestContext): InstallPlan {
  const { pkg } = ctx;
  const commands = installCommands(pkg.manifest);
  const files: LaunchedFile[] = [];
  const inline: InlineCode[] = [];
  const seen = new Set<string>();
  const queue: { path: string; runner: LaunchedFile['runner']; hook: string; via: string; command: string; depth: number }[] = [];
  const enqueue = (file: string, runner: LaunchedFile['runner'], hook: string, via: string, command: string, depth: number, from?: string) => {
    const base = from ? normalizePath(`${from.replace(/[^/]*$/, '')}${file.replace(/^\.\//, '')}`) : file;
    const path = resolvePackageFile(base, pkg.files, pkg.manifest) ?? (from ? resolvePackageFile(file, pkg.files, pkg.manifest) : undefined);
    if (!path || seen.has(path) || seen.size >= MAX_FILES) return;
    seen.add(path);
    queue.push({ path, runner, hook, via: `${via} -> ${path}`, command, depth });
  };
  const fromInvocations = (list: Invocation[], hook: string, via: string, command: string, depth: number, from?: string) => {
    for (const inv of list) {
      if (inv.file) enqueue(inv.file, inv.runner, hook, via, command, depth, from);
      if (inv.code !== undefined) {
        inline.push({ runner: inv.runner, code: inv.code, hook, via, command });
        if (inv.runner === 'node' || inv.runner === 'bun') for (const spec of relativeRequires(inv.code)) enqueue(spec, 'require', hook, via, command, depth, from);
      }
    }
  };
  for (const c of commands) fromInvocations(invocations(c.command), c.hook, c.via, c.command, 0);
  while (queue.length) {
    const item = queue.shift()!;
    const text = ctx.readFile(item.path);
    if (text === undefined) continue;
    const language = languageOf(item.path, item.runner);
    files.push({ path: item.path, runner: item.runner, hook: item.hook, via: item.via, command: item.command, text, language });
    if (item.depth >= 2) continue;
    if (language === 'js') {
      for (const spec of relativeRequires(text)) enqueue(spec, 'require', item.hook, item.via, item.command, item.depth + 1, item.path);
      for (const ref of referencedScripts(text)) enqueue(ref, 'referenced', item.hook, item.via, item.command, item.depth + 1, item.path);
    } else if (language === 'script') {
      for (const line of text.split(/\r?\n/)) fromInvocations(invocations(line), item.hook, item.via, item.command, item.depth + 1, item.path);
    }
  }
  return { commands, files, inline };
}

/** `require('./x')`, `import './x'`, `import('./x')` with a relative literal. */
function relativeRequires(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\b(?:require|import)\s*\(\s*(['"`])(\.{1,2}\/[^'"`\n]+)\1\s*\)|\bimport\s+(?:[\w*{}\s,]+\s+from\s+)?(['"])(\.{1,2}\/[^'"\n]+)\3/g)) out.push(m[2] ?? m[4]!);
  return out;
}

/** String literals that name a script or executable file: `'compile.bat'`, `'./preinstall.sh'`, `'node-gyp.dll'`. */
function referencedScripts(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(['"`])(?:\.\/)?([\w@./-]+\.(?:sh|bat|cmd|ps1|vbs|exe|dll))\1/gi)) out.push(m[2]!);
  return out;
}
