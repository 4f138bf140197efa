import { lockfileError } from '../shared/index.js';

/**
 * A line scanner for the two yarn.lock layouts, used by both yarn readers.
 *
 * Why not a library: on a synthetic 50,000-package lockfile (17 MB) `@yarnpkg/lockfile`'s parser
 * took 7.1 s and `@yarnpkg/parsers` `parseSyml` 18 s (classic) — far over the 1 s budget for a
 * whole inventory. Both yarns write a small, fixed subset: indentation-nested maps (two spaces a
 * level) of scalars, keys and values optionally in JSON-style double quotes. Classic separates key
 * and value with a space (`version "1.0.0"`), berry with `: ` (`version: 1.0.0`); a key ending
 * in `:` opens a nested map. This scanner reads exactly that subset in one pass over the lines
 * and stops with a `<file>:<line>:` parse error at anything else.
 */
export type SymlValue = string | SymlMap;
export interface SymlMap {
  [key: string]: SymlValue;
}

export interface SymlEntry {
  /** The top-level key: berry's unquoted, classic's as written (quotes and `, ` separators kept). */
  rawKey: string;
  /** 1-based line of the key: the scanner counts lines anyway, so this costs nothing. */
  line: number;
  /** A top-level key with a nested map (every lockfile entry) or, rarely, a scalar. */
  value: SymlValue;
}

export type SymlStyle = 'classic' | 'berry';

interface Frame {
  indent: number;
  map: SymlMap;
}

const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COLON = 58;
const TAB = 9;
const CR = 13;

export function scanSyml(text: string, file: string, style: SymlStyle): SymlEntry[] {
  return new Scanner(text, file, style).run();
}

/**
 * Works on offsets into the whole text (no per-line substrings: on a 17 MB file those
 * allocations alone cost more than the parse) and writes straight into the current map.
 */
class Scanner {
  private lineNo = 0;
  private readonly entries: SymlEntry[] = [];
  private stack: Frame[] = [];
  /** Set after `key:`: the map the next deeper-indented line belongs to. */
  private opened: SymlMap | undefined;
  private readonly failFn = (message: string): never => this.fail(message);

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly style: SymlStyle,
  ) {}

  run(): SymlEntry[] {
    const text = this.text;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end === -1) end = text.length;
      const start = pos;
      pos = end + 1;
      this.lineNo++;
      if (end > start && text.charCodeAt(end - 1) === CR) end--;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i === end || text.charCodeAt(i) === HASH) continue;
      if (text.charCodeAt(i) === TAB) this.fail('tab in indentation');
      if (i === start) this.topLevel(start, end);
      else this.nested(i - start, i, end);
    }
    return this.entries;
  }

  private fail(message: string): never {
    throw lockfileError('parse', this.file, message, { line: this.lineNo, hint: 'the file is damaged; restore it or run yarn install to rewrite it' });
  }

  private topLevel(start: number, end: number): void {
    this.stack = [];
    this.opened = undefined;
    if (this.text.charCodeAt(end - 1) !== COLON) {
      // A top-level scalar (`key: value`) is valid syml but never an entry; kept for the caller to skip.
      const holder: SymlMap = Object.create(null) as SymlMap;
      const key = this.keyValue(holder, start, end);
      const value = holder[key];
      this.entries.push({ rawKey: key, line: this.lineNo, value: typeof value === 'string' ? value : '' });
      return;
    }
    let rawKey = this.text.slice(start, end - 1);
    // Berry quotes the whole `a@npm:1, a@npm:^1` list as one string; classic quotes each descriptor.
    if (this.style === 'berry' && rawKey.charCodeAt(0) === QUOTE) {
      if (this.closingQuote(rawKey, 0) !== rawKey.length - 1) this.fail('unexpected text after a quoted key');
      rawKey = this.unquote(rawKey);
    }
    const map: SymlMap = Object.create(null) as SymlMap;
    this.entries.push({ rawKey, line: this.lineNo, value: map });
    this.stack.push({ indent: 0, map });
    this.opened = map;
  }

  private nested(indent: number, from: number, end: number): void {
    const stack = this.stack;
    if (this.opened !== undefined) {
      if (indent > stack[stack.length - 1]!.indent) stack.push({ indent, map: this.opened });
      this.opened = undefined;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop();
    const frame = stack[stack.length - 1];
    if (frame === undefined || frame.indent !== indent) this.fail('bad indentation');
    this.keyValue(frame.map, from, end);
  }

  /** Reads `key value` / `key: value` into `map`, or opens a nested map for `key:`. Returns the key. */
  private keyValue(map: SymlMap, from: number, end: number): string {
    const text = this.text;
    let key: string;
    let i: number;
    if (text.charCodeAt(from) === QUOTE) {
      i = this.closingQuote(text, from, end) + 1;
      key = this.unquote(text.slice(from, i));
    } else {
      i = this.plainKeyEnd(from, end);
      key = text.slice(from, i);
    }
    if (i === end) this.fail(`missing value after "${key}"`);
    if (text.charCodeAt(i) === COLON) {
      if (i === end - 1) {
        const child: SymlMap = Object.create(null) as SymlMap;
        map[key] = child;
        this.opened = child;
        return key;
      }
      i++;
    }
    if (text.charCodeAt(i) !== SPACE) this.fail(`unexpected character after "${key}"`);
    i++;
    if (text.charCodeAt(i) !== QUOTE) map[key] = text.slice(i, end);
    else {
      if (this.closingQuote(text, i, end) !== end - 1) this.fail('unexpected text after a quoted value');
      map[key] = this.unquote(text.slice(i, end));
    }
    return key;
  }

  /** Plain keys end at the first space (classic) or at `: ` / a final `:` (berry). */
  private plainKeyEnd(from: number, end: number): number {
    const text = this.text;
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (this.style === 'classic') {
        if (c === SPACE) return text.charCodeAt(i - 1) === COLON ? i - 1 : i;
      } else if (c === COLON && (i === end - 1 || text.charCodeAt(i + 1) === SPACE)) return i;
    }
    return this.style === 'classic' && text.charCodeAt(end - 1) === COLON ? end - 1 : end;
  }

  private closingQuote(s: string, from: number, end = s.length): number {
    return closingQuote(s, from, this.failFn, end);
  }

  private unquote(quoted: string): string {
    return unquote(quoted, this.failFn);
  }
}

/** Index of the `"` closing the string that opens at `from` (before `end`). */
export function closingQuote(s: string, from: number, fail: (m: string) => never, end = s.length): number {
  for (let i = from + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === QUOTE) return i;
  }
  return fail('unterminated string');
}

/** A double-quoted string with JSON escapes (what both yarns write). */
export function unquote(quoted: string, fail: (m: string) => never): string {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return fail('invalid escape in a quoted string');
  }
}
