import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import { lockfileError } from './errors.js';
import { forEachLine } from './lines.js';

/** js-yaml, loaded on first use: the fast path below rarely needs it, and loading it costs more than reading a small lockfile. */
let loadedJsYaml: typeof JsYaml | undefined;
export function jsYaml(): typeof JsYaml {
  return (loadedJsYaml ??= createRequire(import.meta.url)('js-yaml') as typeof JsYaml);
}

/**
 * A YAML value under the failsafe schema: every scalar is a string (`5.4`, `true` included).
 * Mappings are Maps: building 50k-key objects costs V8 far more (key internalization,
 * dictionary-mode objects), and a Map has no prototype keys to trip over (`constructor`).
 */
export type YamlValue = string | null | YamlMap | YamlValue[];
export type YamlMap = Map<string, YamlValue>;

export interface YamlOptions {
  /** Top-level keys whose direct children's lines are wanted (pnpm's `packages`, `snapshots`). */
  sections?: readonly string[];
  /** How to get a sound file again, for the parse error. */
  hint: string;
}

export interface ParsedYaml {
  /** The last document of the stream (pnpm 10 may put an environment lockfile in a first one). */
  doc: YamlValue;
  /** 1-based line of each top-level key (yarn berry's entries). */
  topLines: Map<string, number>;
  /** 1-based line of each key directly under the top-level maps named in `sections` (one Map each, maybe empty). */
  sectionLines: Map<string, Map<string, number>>;
}

/**
 * Parses the YAML that pnpm-lock.yaml and yarn berry's yarn.lock are written in. js-yaml needs
 * seconds for a 15-20 MB lockfile, so the subset those clients write (block maps indented by
 * spaces, full-line comments, one-line plain/quoted scalars, one-line flow collections, block
 * sequences) goes through a line scanner; anything outside that subset (trailing comments,
 * anchors, multi-line scalars, several documents, syntax errors) falls back to js-yaml, which then
 * also reports errors with their position. Both give the same failsafe-schema tree: yaml.test.ts
 * checks that on every generated pnpm and berry fixture.
 */
export function parseYaml(text: string, file: string, options: YamlOptions): ParsedYaml {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sections = options.sections ?? [];
  return fastParse(body, sections) ?? slowParse(body, file, sections, options.hint);
}

function emptyLines(sections: readonly string[]): Pick<ParsedYaml, 'topLines' | 'sectionLines'> {
  return { topLines: new Map(), sectionLines: new Map(sections.map((s) => [s, new Map<string, number>()])) };
}

function slowParse(text: string, file: string, sections: readonly string[], hint: string): ParsedYaml {
  const yaml = jsYaml();
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, null, { schema: yaml.FAILSAFE_SCHEMA });
  } catch (e) {
    // js-yaml appends a newline to unterminated input, so an error at the very end would name a
    // line past the last one.
    const line = e instanceof yaml.YAMLException ? Math.min(e.mark.line + 1, text.split('\n').length) : undefined;
    const reason = e instanceof yaml.YAMLException ? e.reason : String(e);
    throw lockfileError('parse', file, `invalid YAML: ${reason}`, { ...(line === undefined ? {} : { line }), hint, cause: e });
  }
  return { doc: toYamlValue(docs[docs.length - 1]), ...scanKeyLines(text, sections) };
}

/** js-yaml's plain objects (failsafe schema: strings, arrays, objects) as YamlValues. */
function toYamlValue(value: unknown): YamlValue {
  if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(toYamlValue);
  const map: YamlMap = new Map();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) map.set(k, toYamlValue(v));
  return map;
}

/**
 * Key lines for the js-yaml path, which has no positions: the keys at column 0, and those indented
 * by two spaces under a wanted section. Later documents overwrite earlier ones, like `doc`.
 */
function scanKeyLines(text: string, sections: readonly string[]): Pick<ParsedYaml, 'topLines' | 'sectionLines'> {
  const lines = emptyLines(sections);
  let section: Map<string, number> | undefined;
  forEachLine(text, (pos, end, line) => {
    const indent = skipSpaces(text, pos, end) - pos;
    if (indent === 0 && pos < end && text.charCodeAt(pos) !== 35) {
      const key = blockKey(text, pos, end);
      section = key === FAIL ? undefined : lines.sectionLines.get(key.key);
      if (key !== FAIL) lines.topLines.set(key.key, line);
    } else if (indent === 2 && section !== undefined) {
      const key = blockKey(text, pos + 2, end);
      if (key !== FAIL) section.set(key.key, line);
    }
  });
  return lines;
}

// ---- fast path -----------------------------------------------------------------------------

/** Returned by the scanners when the input leaves the supported subset. */
const FAIL = Symbol('fail');
type Scan<T> = T | typeof FAIL;

interface Frame {
  indent: number;
  map?: YamlMap;
  seq?: YamlValue[];
  lines?: Map<string, number>;
}

interface Pending {
  map: YamlMap;
  key: string;
  indent: number;
  lines?: Map<string, number>;
}

const SPACE = 32;
const DASH = 45;

/** The line scanner; undefined when the text is not in the subset (see parseYaml). */
function fastParse(text: string, sections: readonly string[]): ParsedYaml | undefined {
  const root: YamlMap = new Map();
  const lines = emptyLines(sections);
  const stack: Frame[] = [{ indent: 0, map: root, lines: lines.topLines }];
  let pending: Pending | undefined;
  let lineNo = 0;
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const next = end + 1;
    lineNo++;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--; // CRLF
    const i = skipSpaces(text, pos, end);
    const ind = i - pos;
    pos = next;
    if (i === end) continue; // blank line
    const c = text.charCodeAt(i);
    if (c === 35) continue; // a full-line comment: YAML ignores it, indentation included
    if (c === 9) return undefined; // tab indentation
    const isItem = c === DASH && (i + 1 === end || text.charCodeAt(i + 1) === SPACE);
    if (pending) {
      openPending(pending, ind, isItem, stack);
      pending = undefined;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.indent > ind) stack.pop();
    const top = stack[stack.length - 1]!;
    if (top.indent !== ind) return undefined;
    if (top.seq) {
      if (!isItem) return undefined;
      const value = blockValue(text, i + 1, end);
      if (value === FAIL || value === undefined) return undefined;
      top.seq.push(value);
      continue;
    }
    const map = top.map!;
    const key = blockKey(text, i, end);
    if (key === FAIL || map.has(key.key)) return undefined; // a duplicate: js-yaml reports it
    top.lines?.set(key.key, lineNo);
    const value = blockValue(text, key.next, end);
    if (value === FAIL) return undefined;
    if (value !== undefined) {
      map.set(key.key, value);
      continue;
    }
    const childLines = stack.length === 1 ? lines.sectionLines.get(key.key) : undefined;
    pending = { map, key: key.key, indent: ind, ...(childLines ? { lines: childLines } : {}) };
  }
  if (pending) pending.map.set(pending.key, null);
  return { doc: root, ...lines };
}

/** `key:` with nothing after it: a nested block if the next line is indented deeper, else null. */
function openPending(p: Pending, indent: number, isItem: boolean, stack: Frame[]): void {
  if (indent <= p.indent) {
    p.map.set(p.key, null);
    return;
  }
  if (isItem) {
    const seq: YamlValue[] = [];
    p.map.set(p.key, seq);
    stack.push({ indent, seq });
  } else {
    const map: YamlMap = new Map();
    p.map.set(p.key, map);
    stack.push({ indent, map, ...(p.lines ? { lines: p.lines } : {}) });
  }
}

/** A block mapping key up to its `:`; `next` is where the value starts. */
function blockKey(text: string, i: number, end: number): Scan<{ key: string; next: number }> {
  const c = text.charCodeAt(i);
  if (c === 39 || c === 34) {
    const q = quoted(text, i, end);
    if (q === FAIL || text.charCodeAt(q.next) !== 58) return FAIL;
    const after = q.next + 1;
    return after === end || text.charCodeAt(after) === SPACE ? { key: q.value, next: after } : FAIL;
  }
  if (!plainStart(text, i, end)) return FAIL;
  for (let j = i; j < end; j++) {
    const ch = text.charCodeAt(j);
    if (ch === 58 && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) {
      if (text.charCodeAt(j - 1) === SPACE) return FAIL;
      return { key: text.slice(i, j), next: j + 1 };
    }
    if (ch === 35 && text.charCodeAt(j - 1) === SPACE) return FAIL; // comment
  }
  return FAIL;
}

/** The value after `key:` or `-`: undefined when the line ends there (a nested block follows). */
function blockValue(text: string, i: number, end: number): Scan<YamlValue | undefined> {
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  if (i === end) return undefined;
  const c = text.charCodeAt(i);
  if (c === 39 || c === 34) {
    const q = quoted(text, i, end);
    return q === FAIL || !onlySpaces(text, q.next, end) ? FAIL : q.value;
  }
  if (c === 123 || c === 91) {
    const f = flowNode(text, i, end);
    return f === FAIL || !onlySpaces(text, f.next, end) ? FAIL : f.value;
  }
  if (!plainStart(text, i, end)) return FAIL;
  const value = text.slice(i, end).trimEnd();
  // `: ` or ` #` inside a plain scalar, or a trailing `:`, mean something else in YAML.
  if (value.includes(': ') || value.includes(' #') || value.endsWith(':')) return FAIL;
  return value;
}

/** Plain scalars cannot start with an indicator; `-`, `?`, `:` only when followed by a non-space. */
function plainStart(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  if ('-?:'.includes(text[i]!)) return i + 1 < end && text.charCodeAt(i + 1) !== SPACE;
  return !",[]{}#&*!|>'\"%@`".includes(String.fromCharCode(c));
}

function onlySpaces(text: string, i: number, end: number): boolean {
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i === end;
}

/** A one-line single- or double-quoted scalar starting at i. */
function quoted(text: string, i: number, end: number): Scan<{ value: string; next: number }> {
  const quote = text.charCodeAt(i);
  if (quote === 39) {
    let out = '';
    let from = i + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close === -1 || close >= end) return FAIL;
      out += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== 39) return { value: out, next: close + 1 };
      out += "'";
      from = close + 2;
    }
  }
  let j = i + 1;
  let escaped = false;
  while (j < end && text.charCodeAt(j) !== 34) {
    if (text.charCodeAt(j) === 92) {
      escaped = true;
      j++;
    }
    j++;
  }
  if (j >= end) return FAIL;
  const raw = text.slice(i + 1, j);
  if (!escaped) return { value: raw, next: j + 1 };
  try {
    // YAML double-quoted escapes are a superset of JSON's; the rarer ones go to js-yaml.
    return { value: JSON.parse(`"${raw}"`) as string, next: j + 1 };
  } catch {
    return FAIL;
  }
}

/** A flow collection or scalar (`{integrity: sha512-..., tarball: ...}`, `[darwin]`, `'>=8'`). */
function flowNode(text: string, i: number, end: number): Scan<{ value: YamlValue; next: number }> {
  i = skipSpaces(text, i, end);
  const c = text.charCodeAt(i);
  if (c === 123) return flowMap(text, i + 1, end);
  if (c === 91) return flowSeq(text, i + 1, end);
  if (c === 39 || c === 34) return quoted(text, i, end);
  if (!plainStart(text, i, end)) return FAIL;
  let j = i;
  for (; j < end; j++) {
    const ch = text.charCodeAt(j);
    if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
    if (ch === 58 && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) break;
    if (ch === 35 && text.charCodeAt(j - 1) === SPACE) return FAIL;
  }
  const value = text.slice(i, j).trimEnd();
  return value === '' ? FAIL : { value, next: j };
}

function flowMap(text: string, i: number, end: number): Scan<{ value: YamlValue; next: number }> {
  const map: YamlMap = new Map();
  i = skipSpaces(text, i, end);
  if (text.charCodeAt(i) === 125) return { value: map, next: i + 1 };
  for (;;) {
    const key = flowNode(text, i, end);
    if (key === FAIL || typeof key.value !== 'string' || map.has(key.value)) return FAIL;
    if (text.charCodeAt(key.next) !== 58 || text.charCodeAt(key.next + 1) !== SPACE) return FAIL;
    const value = flowNode(text, key.next + 2, end);
    if (value === FAIL) return FAIL;
    map.set(key.value, value.value);
    i = skipSpaces(text, value.next, end);
    const c = text.charCodeAt(i);
    if (c === 125) return { value: map, next: i + 1 };
    if (c !== 44) return FAIL;
    i++;
  }
}

function flowSeq(text: string, i: number, end: number): Scan<{ value: YamlValue; next: number }> {
  const seq: YamlValue[] = [];
  i = skipSpaces(text, i, end);
  if (text.charCodeAt(i) === 93) return { value: seq, next: i + 1 };
  for (;;) {
    const item = flowNode(text, i, end);
    if (item === FAIL) return FAIL;
    seq.push(item.value);
    i = skipSpaces(text, item.next, end);
    const c = text.charCodeAt(i);
    if (c === 93) return { value: seq, next: i + 1 };
    if (c !== 44) return FAIL;
    i++;
  }
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i;
}
