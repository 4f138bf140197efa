import { createRequire } from 'node:module';
import type * as Babel from '@babel/parser';
import type { ParserPlugin } from '@babel/parser';
import type * as Meriyah from 'meriyah';
import type { AstProgram } from './types.js';

// Loaded on first use: an IOC-only (text layer) inspection never parses, and most trees hold no
// TypeScript, so Babel is rarely needed at all; each worker thread pays only for what it uses.
const load = createRequire(import.meta.url);
let meriyah: typeof Meriyah | undefined;
let babel: typeof Babel | undefined;
const meriyahParse: typeof Meriyah.parse = (...args) => (meriyah ??= load('meriyah') as typeof Meriyah).parse(...args);
const babelParse: typeof Babel.parse = (...args) => (babel ??= load('@babel/parser') as typeof Babel).parse(...args);

/**
 * Source text -> ESTree, once per file. JavaScript (and JSX) goes to meriyah, TypeScript to
 * @babel/parser with its `estree` plugin: both are pure JS, so the deepest nesting an attacker can
 * write ends in a catchable RangeError, never in the native stack overflow that kills the whole
 * process with the native parsers (oxc-parser, @swc/core); and on Node 20 meriyah is also the
 * fastest of the five candidates. PARSER.md has the benchmark and the reasons.
 *
 * Node offsets (`start`/`end`) are UTF-16 indices into `text`, as both parsers count in JS strings.
 */
export interface ParseOutcome {
  /** Null when the file did not parse. */
  program: AstProgram | null;
  /** Why it did not parse, one line with the 1-based line:column of the first error; null when it did. */
  error: string | null;
}

/** How a file is parsed, from its extension. */
export interface SourceKind {
  language: 'js' | 'ts';
  jsx: boolean;
  /** `.d.ts`: declarations only. */
  declaration: boolean;
  /** Goals to try, in order: the extension's own first, the other as a fallback. */
  goals: readonly Goal[];
}

type Goal = 'module' | 'commonjs';

const MODULE_FIRST: readonly Goal[] = ['module', 'commonjs'];
const COMMONJS_FIRST: readonly Goal[] = ['commonjs', 'module'];

/**
 * `.cjs`/`.cts` start as CommonJS (sloppy script with top-level `return`), everything else as a
 * module; either falls back to the other, since a scanner wants an AST even from a file whose
 * extension lies. Plain `.js` is parsed with JSX on: JSX only adds syntax where JS has none, and
 * packages do ship JSX in `.js` files.
 */
export function sourceKind(path: string): SourceKind {
  const dot = path.lastIndexOf('.');
  const ext = dot === -1 ? '' : path.slice(dot).toLowerCase();
  switch (ext) {
    case '.ts':
    case '.mts':
      return { language: 'ts', jsx: false, declaration: isDeclaration(path), goals: MODULE_FIRST };
    case '.cts':
      return { language: 'ts', jsx: false, declaration: isDeclaration(path), goals: COMMONJS_FIRST };
    case '.tsx':
      return { language: 'ts', jsx: true, declaration: false, goals: MODULE_FIRST };
    case '.cjs':
      return { language: 'js', jsx: true, declaration: false, goals: COMMONJS_FIRST };
    default:
      return { language: 'js', jsx: true, declaration: false, goals: MODULE_FIRST };
  }
}

function isDeclaration(path: string): boolean {
  return /\.d\.[cm]?ts$/i.test(path);
}

/** Parses `text` as the file at `path` (only its extension matters). Never throws. */
export function parseSource(text: string, path: string): ParseOutcome {
  const kind = sourceKind(path);
  let best: Failure | null = null;
  for (const goal of kind.goals) {
    try {
      return { program: kind.language === 'ts' ? parseTs(text, kind, goal) : parseJs(text, kind, goal), error: null };
    } catch (error) {
      const failure = describe(error);
      // Report the attempt that got furthest: a CommonJS file's real syntax error rather than
      // "return outside function" from the module attempt.
      if (best === null || failure.offset > best.offset) best = failure;
    }
  }
  return { program: null, error: best === null ? 'not parsed' : best.message };
}

function parseJs(text: string, kind: SourceKind, goal: Goal): AstProgram {
  const program = meriyahParse(text, {
    sourceType: goal,
    next: true, // stage 3 syntax: decorators, import attributes, source phase imports
    webcompat: true, // Annex B: HTML comments, legacy octals, sloppy-mode function hoisting
    jsx: kind.jsx,
    ranges: { start: true, end: true, range: false },
    raw: true, // rules look at how a literal was written (escape density, hex)
    validateRegex: false, // a regex flag this Node lacks is no reason to lose the file
  });
  return program as unknown as AstProgram;
}

function parseTs(text: string, kind: SourceKind, goal: Goal): AstProgram {
  const plugins: ParserPlugin[] = [['estree', { classFeatures: true }], ['typescript', { dts: kind.declaration }], 'decorators'];
  if (kind.jsx) plugins.push('jsx');
  const file = babelParse(text, {
    sourceType: goal,
    plugins,
    attachComment: false,
    errorRecovery: false,
    allowAwaitOutsideFunction: true,
  });
  return file.program as unknown as AstProgram;
}

interface Failure {
  message: string;
  offset: number;
}

/** One line from whatever the parser threw: meriyah's ParseError, Babel's SyntaxError, or a RangeError from nesting too deep. */
function describe(error: unknown): Failure {
  if (error instanceof RangeError) {
    return { message: 'nested too deeply to parse (call stack exhausted)', offset: Number.MAX_SAFE_INTEGER };
  }
  const e = (error ?? {}) as {
    message?: unknown;
    description?: unknown;
    start?: unknown;
    pos?: unknown;
    loc?: { line?: unknown; column?: unknown; start?: { line?: unknown; column?: unknown } };
  };
  // meriyah: `description` plus `loc.start` (0-based column); Babel: `message` ending in "(line:col)" plus `loc`.
  const where = e.loc?.start ?? e.loc;
  const line = typeof where?.line === 'number' ? where.line : null;
  const column = typeof where?.column === 'number' ? where.column + 1 : null;
  const raw = typeof e.description === 'string' ? e.description : typeof e.message === 'string' ? e.message : String(error);
  const text = raw.replace(/\s*\(\d+:\d+\)$/, '').split('\n')[0]!.trim() || 'syntax error';
  const offset = typeof e.start === 'number' ? e.start : typeof e.pos === 'number' ? e.pos : -1;
  return { message: line === null ? text : `${text} (${line}:${column ?? 1})`, offset };
}
