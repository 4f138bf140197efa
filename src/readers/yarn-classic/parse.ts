import { createRequire } from 'node:module';
import { forEachLine, lockfileError } from '../shared/index.js';

/**
 * Parses yarn.lock v1 with `@yarnpkg/lockfile`, the parser yarn 1 itself uses: the issue asks for
 * it rather than a hand-written parser, so yarn's own reading of the file is what we inventory.
 * It is the slow part of this reader (it builds every token character by character): about
 * 1.2-1.5 s of a 50k-package file. A cheap line pass around it adds what it lacks:
 *
 * - Locations. Each entry is parsed on its own, from its top-level key line to the next one, so
 *   every package knows its line and a syntax error is reported at `<file>:<line>`: the library's
 *   own line count drifts (it reads two consecutive newlines as one). Entry by entry is also a
 *   little faster than one call on the whole file (1.6-2.3 s on the same file: no 100k-key object).
 * - Safety. The library silently stops at a line indented deeper than the structure allows
 *   (dropping the rest), and loops forever on a string left open at the end of its input. The
 *   first pass rejects such indentation with its line; a sentinel appended to every input closes
 *   any open string inside a comment, which turns the hang into an ordinary syntax error.
 *
 * A file with merge-conflict markers goes to the library whole: it merges both sides the way
 * `yarn install` does ('merge'), or gives up when a side does not parse ('conflict').
 */
export interface ClassicEntry {
  /** Every `name@range` of the key, unquoted: `"a@^1", a@^1.1:` -> ['a@^1', 'a@^1.1']. */
  descriptors: string[];
  /** 1-based line of the key; undefined only in a merged file, when the key line does not parse alone. */
  line: number | undefined;
  /** The entry's fields (a prototype-less object), or a scalar for a top-level `key value` line. */
  value: unknown;
}

export interface ClassicLockfile {
  entries: ClassicEntry[];
  /** The file had merge-conflict markers and the library merged both sides. */
  merged: boolean;
}

/** The part of `@yarnpkg/lockfile` used here (it ships no types). */
interface YarnLockfileModule {
  parse(text: string, fileLoc?: string): {
    /** 'merge': the file had conflict markers and both sides parsed; 'conflict': a side did not. */
    type: 'success' | 'merge' | 'conflict';
    /** Every descriptor of an entry key maps to the same (prototype-less) object. */
    object: Record<string, unknown>;
  };
}

// require, not import: the package is CommonJS with `__esModule` set, so an ESM default import
// gives module.exports under Node but its `default` export (a class) under vitest.
const lockfile = createRequire(import.meta.url)('@yarnpkg/lockfile') as YarnLockfileModule;

const HINT = 'the file is damaged; restore it or run yarn install to rewrite it';

/** Inside an open string it is the closing quote; otherwise a comment line (see the header). */
const SENTINEL = '\n#"\n';

const SPACE = 32;
const HASH = 35;
const COLON = 58;

// The library's own test for conflict markers: all three present anywhere.
const CONFLICT_MARKERS = ['<<<<<<<', '=======', '>>>>>>>'];
const MARKER_LINE = /^(?:<{7}|={7}|\|{7}|>{7})/;

export function parseClassicLockfile(text: string, file: string): ClassicLockfile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (CONFLICT_MARKERS.every((m) => body.includes(m))) return parseMerged(body, file);
  const starts = keyLines(body, file, false);
  const entries: ClassicEntry[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1]?.offset ?? body.length;
    const object = parseChunk(body.slice(start.offset, end), file, start.line);
    const descriptors = Object.keys(object);
    if (descriptors.length > 0) entries.push({ descriptors, line: start.line, value: object[descriptors[0]!] });
  }
  return { entries, merged: false };
}

interface KeyLine {
  offset: number;
  line: number;
}

/**
 * Where the top-level keys are (lines at column 0 that are neither blank nor comments), checking
 * on the way that every line is indented by a multiple of two spaces and at most one level deeper
 * than a line ending in `:` (else no deeper than the line before). Blank and comment lines count
 * too: the library ends a nested block at a blank line or an unindented comment.
 */
function keyLines(text: string, file: string, skipMarkers: boolean): KeyLine[] {
  const out: KeyLine[] = [];
  let allowed = 0;
  forEachLine(text, (pos, end, line) => {
    let i = pos;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const indent = i - pos;
    const content = i < end && text.charCodeAt(i) !== HASH;
    if (skipMarkers && indent === 0 && content && MARKER_LINE.test(text.slice(pos, pos + 7))) return;
    if (indent > allowed || indent % 2 === 1) throw lockfileError('parse', file, 'bad indentation', { line, hint: HINT });
    if (indent === 0 && content) out.push({ offset: pos, line });
    allowed = content && text.charCodeAt(end - 1) === COLON ? indent + 2 : indent;
  });
  return out;
}

/** One entry (its key line up to the next key line) through the library. */
function parseChunk(chunk: string, file: string, line: number): Record<string, unknown> {
  try {
    return lockfile.parse(chunk + SENTINEL, file).object;
  } catch (e) {
    throw chunkError(e, chunk, file, line);
  }
}

/**
 * The library's error as `<file>:<line>: <reason>`. Its syntax errors end in ` <line>:<col> in
 * <file>`, the line counted from the start of the chunk (and past its end when the input stops
 * early); the others (a key that is an empty string, a `# yarn lockfile v2` comment) carry no
 * position and are reported at the entry's key line.
 */
function chunkError(e: unknown, chunk: string, file: string, firstLine: number) {
  const message = e instanceof Error ? e.message : String(e);
  const at = / (\d+):\d+ in .*$/s.exec(message);
  if (at === null) return lockfileError('parse', file, lowerFirst(message), { line: firstLine, hint: HINT, cause: e });
  const lines = (chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk).split('\n');
  const n = Math.min(Number(at[1]), lines.length);
  const reason = openQuote(lines[n - 1] ?? '') ? 'unterminated string' : message.slice(0, at.index).replace(/^Unknown token: .*/s, 'unexpected character');
  return lockfileError('parse', file, lowerFirst(reason), { line: firstLine + n - 1, hint: HINT, cause: e });
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Whether a `"` string is still open at the end of the line (backslash escapes respected). */
function openQuote(line: string): boolean {
  let open = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (open && c === '\\') i++;
    else if (c === '"') open = !open;
  }
  return open;
}

/** A file with conflict markers: the library merges both sides; lines come from parsing each key line alone. */
function parseMerged(text: string, file: string): ClassicLockfile {
  const starts = keyLines(text, file, true);
  const result = parseWhole(text, file);
  if (result.type === 'conflict') {
    throw lockfileError('parse', file, 'unresolved merge conflict, and one side of it does not parse', {
      hint: 'resolve the conflict in yarn.lock (or check out one side and run yarn install)',
    });
  }
  const lineOfDescriptor = new Map<string, number>();
  for (const { offset, line } of starts) {
    const end = text.indexOf('\n', offset);
    for (const d of keyDescriptors(text.slice(offset, end === -1 ? undefined : end))) lineOfDescriptor.set(d, line);
  }
  // Descriptors of one key share one value object: group them back into entries.
  const byValue = new Map<unknown, ClassicEntry>();
  const entries: ClassicEntry[] = [];
  for (const [descriptor, value] of Object.entries(result.object)) {
    const entry = typeof value === 'object' && value !== null ? byValue.get(value) : undefined;
    if (entry !== undefined) {
      entry.descriptors.push(descriptor);
      continue;
    }
    const created: ClassicEntry = { descriptors: [descriptor], line: lineOfDescriptor.get(descriptor), value };
    entries.push(created);
    if (typeof value === 'object' && value !== null) byValue.set(value, created);
  }
  return { entries, merged: true };
}

/** The library catches its syntax errors here (-> 'conflict'); what is left has no position. */
function parseWhole(text: string, file: string) {
  try {
    return lockfile.parse(text + SENTINEL, file);
  } catch (e) {
    throw lockfileError('parse', file, lowerFirst(e instanceof Error ? e.message : String(e)), { hint: HINT, cause: e });
  }
}

/** The descriptors of one `a@1, "b@2":` key line, read by the library; none when it does not parse alone. */
function keyDescriptors(keyLine: string): string[] {
  try {
    return Object.keys(lockfile.parse(keyLine + SENTINEL).object);
  } catch {
    return [];
  }
}
