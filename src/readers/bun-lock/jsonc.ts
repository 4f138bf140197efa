/**
 * bun.lock is JSON with trailing commas (and, being JSONC, possibly comments). JSON.parse is
 * several times faster than a JS JSONC parser on a 50k-package lockfile, so we blank out the
 * trailing commas and comments with spaces, keeping every offset, and hand the result to
 * JSON.parse. The same single pass records where each key of the top-level "packages" object
 * starts, which gives each package its line without a second parse.
 */
export interface StrictJson {
  /** `text` with trailing commas and comments replaced by spaces: same length, same offsets. */
  json: string;
  /** Offset of each key of the top-level "packages" object (the opening quote). */
  packageKeyOffsets: Map<string, number>;
}

const QUOTE = 34; // "
const SLASH = 47; // /
const STAR = 42; // *
const COMMA = 44; // ,
const COLON = 58; // :
const OPEN_BRACE = 123; // {
const CLOSE_BRACE = 125; // }
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const BACKSLASH = 92; // \

export function toStrictJson(text: string): StrictJson {
  // Both in increasing order; a trailing comma is only known at the bracket after it, which
  // may come after a comment, so they are kept apart and merged at the end.
  const commentBlanks: number[] = []; // [start, end) pairs
  const commaBlanks: number[] = [];
  const packageKeyOffsets = new Map<string, number>();
  let depth = 0;
  let pendingComma = -1;
  let lastString: { start: number; end: number } | undefined; // end: index of the closing quote
  let packagesNext = false; // saw `"packages":` at depth 1, an object may follow
  let inPackages = false;

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === SLASH) {
      const end = commentEnd(text, i);
      if (end !== -1) {
        commentBlanks.push(i, end);
        i = end - 1;
        continue;
      }
    }
    if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && pendingComma !== -1) commaBlanks.push(pendingComma);
    pendingComma = c === COMMA ? i : -1;

    if (c === QUOTE) {
      const end = stringEnd(text, i);
      lastString = { start: i, end };
      i = end;
      continue;
    }
    if (c === COLON && lastString !== undefined) {
      if (depth === 2 && inPackages) packageKeyOffsets.set(stringValue(text, lastString.start, lastString.end), lastString.start);
      else if (depth === 1) packagesNext = stringValue(text, lastString.start, lastString.end) === 'packages';
      lastString = undefined;
      continue;
    }
    lastString = undefined;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      inPackages ||= packagesNext && depth === 2 && c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 2) inPackages = false;
      depth--;
    }
    packagesNext = false;
  }
  return { json: applyBlanks(text, commentBlanks, commaBlanks), packageKeyOffsets };
}

/** End (exclusive) of a `//` or `/* *\/` comment starting at `i`, or -1 if `i` starts none. */
function commentEnd(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === SLASH) {
    const nl = text.indexOf('\n', i + 2);
    return nl === -1 ? text.length : nl;
  }
  if (next === STAR) {
    const close = text.indexOf('*/', i + 2);
    return close === -1 ? text.length : close + 2;
  }
  return -1;
}

/** Index of the closing quote of the string opening at `start` (text.length if unterminated). */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

function stringValue(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw; // JSON.parse of the whole document will report the bad escape
  }
}

function applyBlanks(text: string, comments: number[], commas: number[]): string {
  if (comments.length === 0 && commas.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  let k = 0;
  let m = 0;
  while (k < comments.length || m < commas.length) {
    const takeComma = m < commas.length && (k >= comments.length || commas[m]! < comments[k]!);
    const start = takeComma ? commas[m]! : comments[k]!;
    const end = takeComma ? start + 1 : comments[k + 1]!;
    if (takeComma) m++;
    else k += 2;
    parts.push(text.slice(last, start), ' '.repeat(end - start));
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}
