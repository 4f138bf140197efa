import type { Manifest } from '../../types.js';

/**
 * npm lifecycle scripts that run on `npm install`: `preinstall`, `install`, `postinstall` for every
 * install, `prepare` (and its pre/post) when the package is installed from git, which is how the
 * TanStack worm ran (`"prepare": "bun run tanstack_runner.js && exit 1"` in a `github:` dependency).
 */
export const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'] as const;

export interface InstallCommand {
  hook: string;
  /** How npm got here: `postinstall`, `postinstall -> npm run build:native`. */
  via: string;
  /** The script text (for `npm run x` chains, the text of script `x`). */
  command: string;
}

/** Install-time scripts of a manifest, with `npm run <name>` (and yarn/pnpm) chains followed. */
export function installCommands(manifest: Manifest | null): InstallCommand[] {
  const scripts = manifest && typeof manifest['scripts'] === 'object' && manifest['scripts'] !== null ? (manifest['scripts'] as Record<string, unknown>) : {};
  const out: InstallCommand[] = [];
  const follow = (hook: string, via: string, command: string, depth: number, seen: Set<string>) => {
    out.push({ hook, via, command });
    if (depth >= 3) return;
    for (const words of simpleCommands(command)) {
      const name = runScriptName(words, scripts);
      if (name === undefined || seen.has(name)) continue;
      const next = scripts[name];
      if (typeof next === 'string') follow(hook, `${via} -> npm run ${name}`, next, depth + 1, new Set([...seen, name]));
    }
  };
  for (const hook of INSTALL_HOOKS) {
    const command = scripts[hook];
    if (typeof command === 'string' && command.trim()) follow(hook, hook, command, 0, new Set([hook]));
  }
  return out;
}

/** `npm run x`, `npm run-script x`, `yarn run x`, `yarn x`, `pnpm run x`, `pnpm x` (the last two only for a known script). */
function runScriptName(words: string[], scripts: Record<string, unknown>): string | undefined {
  const [tool, a, b] = words;
  if (tool === 'npm' && (a === 'run' || a === 'run-script') && b) return b;
  if ((tool === 'yarn' || tool === 'pnpm' || tool === 'bun') && a === 'run' && b) return b;
  if ((tool === 'yarn' || tool === 'pnpm') && a && !a.startsWith('-') && typeof scripts[a] === 'string') return a;
  return undefined;
}

/**
 * A command line split into simple commands (at `&&`, `||`, `;`, `|`, `&`, newlines) and each into
 * words, with quotes removed. Enough shell for npm scripts; it does not expand anything.
 */
export function simpleCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length && ` "'\\$\`&|;()<>\n`.includes(line[i + 1]!)) {
      // A shell escape; any other backslash is a Windows path separator (`bin\\agent.exe`).
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') endWord();
    else if (c === '&' || c === '|' || c === ';' || c === '\n' || c === '\r' || c === '(' || c === ')') endCommand();
    else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

export type Runner = 'node' | 'bun' | 'deno' | 'shell' | 'cmd' | 'powershell' | 'direct';

export interface Invocation {
  runner: Runner;
  /** The file as written in the script: `./lib/build.js`, `compile.bat`. */
  file?: string;
  /** Code given inline: `node -e "<code>"`, `sh -c "<cmd>"`, `powershell -Command "<cmd>"`. */
  code?: string;
}

/** Wrappers that run the command after them: `cross-env A=1 node x`, `npx node x`, `start /B node x`. */
const PREFIXES = new Set(['cross-env', 'cross-env-shell', 'env', 'npx', 'exec', 'nohup', 'setsid', 'sudo', 'time', 'command', 'call']);
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--title', '--env-file', '--input-type', '--max-old-space-size', '--stack-size']);

/** What each simple command of a script runs: a file with some runtime, or inline code. */
export function invocations(line: string): Invocation[] {
  const out: Invocation[] = [];
  for (const all of simpleCommands(line)) {
    let words = all;
    // Skip VAR=value assignments and wrapper commands.
    for (;;) {
      const w = words[0];
      if (w === undefined) break;
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || PREFIXES.has(w)) words = words.slice(1);
      else if (/^start$/i.test(w)) words = words.slice(1).filter((x, i) => !(i < 3 && /^\/\w+$|^""$/.test(x)));
      else break;
    }
    const [program, ...args] = words;
    if (!program) continue;
    const base = program.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
    if (base === 'node' || base === 'nodejs' || base === 'ts-node' || base === 'tsx') out.push(...nodeArgs(args));
    else if (base === 'bun') {
      const rest = args[0] === 'run' || args[0] === 'x' ? args.slice(1) : args;
      const eval_ = rest.findIndex((a) => a === '-e' || a === '--eval');
      if (eval_ >= 0 && rest[eval_ + 1]) out.push({ runner: 'bun', code: rest[eval_ + 1]! });
      else if (rest[0] && !rest[0].startsWith('-')) out.push({ runner: 'bun', file: rest[0] });
    } else if (base === 'deno') {
      const file = args.slice(args[0] === 'run' ? 1 : 0).find((a) => !a.startsWith('-'));
      if (file) out.push({ runner: 'deno', file });
    } else if (/^(?:ba|z|da|k)?sh$/.test(base)) {
      const c = args.indexOf('-c');
      if (c >= 0 && args[c + 1]) out.push({ runner: 'shell', code: args[c + 1]! });
      else {
        const file = args.find((a) => !a.startsWith('-'));
        if (file) out.push({ runner: 'shell', file });
      }
    } else if (base === 'cmd') {
      const c = args.findIndex((a) => /^\/[ck]$/i.test(a));
      const rest = c >= 0 ? args.slice(c + 1).join(' ') : '';
      if (rest) {
        out.push({ runner: 'cmd', code: rest });
        out.push(...invocations(rest));
      }
    } else if (base === 'powershell' || base === 'pwsh') {
      const f = args.findIndex((a) => /^-f(?:ile)?$/i.test(a));
      const c = args.findIndex((a) => /^-c(?:ommand)?$/i.test(a));
      if (f >= 0 && args[f + 1]) out.push({ runner: 'powershell', file: args[f + 1]! });
      else if (c >= 0) out.push({ runner: 'powershell', code: args.slice(c + 1).join(' ') });
      else if (args.length && !args[args.length - 1]!.startsWith('-')) out.push({ runner: 'powershell', code: args.join(' ') });
    } else if (/[\\/]/.test(program) || /\.(?:sh|bat|cmd|ps1|exe|com|vbs|js|py)$/i.test(program)) out.push({ runner: 'direct', file: program });
  }
  return out;
}

function nodeArgs(args: string[]): Invocation[] {
  const out: Invocation[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '-e' || flag === '--eval' || flag === '-p' || flag === '--print' || flag === '-pe') {
      const code = inline ?? args[i + 1];
      if (code !== undefined) out.push({ runner: 'node', code });
      return out;
    }
    if (flag === '-r' || flag === '--require' || flag === '--import') {
      const v = inline ?? args[++i];
      if (v && /^\.{0,2}\//.test(v)) out.push({ runner: 'node', file: v });
      continue;
    }
    if (NODE_VALUE_OPTIONS.has(flag) && inline === undefined) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    out.push({ runner: 'node', file: a });
    return out;
  }
  return out;
}

/**
 * The package file a script names, as a package-relative path, if the package has it:
 * `./lib/build.js`, `lib/build` (Node's extension lookup), `.` (the package main).
 */
export function resolvePackageFile(file: string, files: readonly string[], manifest: Manifest | null): string | undefined {
  const has = new Set(files);
  let p = file.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p === '.' || p === '' || p === './') {
    const main = manifest && typeof manifest['main'] === 'string' ? manifest['main'] : 'index.js';
    p = main.replace(/^\.\//, '');
  }
  p = normalizePath(p);
  if (p.startsWith('../') || p.startsWith('/')) return undefined;
  for (const candidate of [p, `${p}.js`, `${p}.cjs`, `${p}.mjs`, `${p}/index.js`, `${p}.sh`]) if (has.has(candidate)) return candidate;
  return undefined;
}

export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return `../${p}`;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Offset of a script's text inside package.json's raw text, so findings point at its line. */
export function scriptOffset(manifestText: string | undefined, command: string): number | undefined {
  if (manifestText === undefined) return undefined;
  const i = manifestText.indexOf(JSON.stringify(command).slice(1, -1));
  return i >= 0 ? i : undefined;
}
